// Each of the dashboard's figures timed alone, for the whole organisation, on generated data: where
// the metrics endpoint's time goes. `npx tsx bench/dashboard/profile-figures.ts` (BENCH_DASHBOARD_DEALS).
import { toCalendarDate, fromCalendarDate } from "@/src/domain/dates";
import { presetPeriod } from "@/src/domain/metrics/period";
import { prepareDatabase } from "@/src/server/boot/prepare-database";
import { closeDatabase, database } from "@/src/server/db";
import * as figures from "@/src/server/metrics/compute-metrics";
import { pipelineMovement } from "@/src/server/metrics/movement";
import { sizeMix, targetFor } from "@/src/server/metrics/pipeline-factor";
import type { MetricsScope } from "@/src/server/metrics/metrics-scope";
import { DEFAULT_SIZE, seedHistory } from "./seed-history";

if (!process.env.DATABASE_URL && !process.env.PGLITE_DIR) process.env.PGLITE_DIR = "memory://";
const d = database();
await prepareDatabase(d, { demoData: false });
const p = await d.sql
  .selectFrom("Process as p")
  .innerJoin("ProcessVersion as v", "v.processId", "p.id")
  .select(["p.id", "p.key", "p.name", "v.id as versionId"])
  .where("p.isDefault", "=", true)
  .executeTakeFirstOrThrow();
const now = new Date();
const org = await seedHistory(d, p.versionId, now, { ...DEFAULT_SIZE, deals: Number(process.env.BENCH_DASHBOARD_DEALS ?? 100000) });
console.log(`${org.deals} deals, ${org.historyEntries} history entries`);
const scope: MetricsScope = {
  period: presetPeriod("this_quarter", toCalendarDate(now)),
  // BENCH_TEAM=1: the first team, as its manager sees it.
  teamIds: process.env.BENCH_TEAM ? [org.teams[0]!.id] : null,
  ownerId: null,
  process: p,
  versionIds: [p.versionId],
};
const q = d.sql;
const c = "USD";
const runs: Record<string, () => Promise<unknown>> = {
  mainCurrency: () => figures.mainCurrencyOf(q, scope),
  winRates: () => figures.winRatesAndVelocity(q, scope, c),
  conversionPeriod: () => figures.conversionByStage(q, scope, c),
  conversionHistory: () => figures.conversionByStage(q, scope, c, "history"),
  balance: () => figures.balanceByStage(q, scope, c),
  forecast: () => figures.forecast(q, scope, c),
  integrity: () => figures.dataIntegrity(q, scope, toCalendarDate(now)),
  losses: () => figures.lossAnalysis(q, scope, c),
  slippage: () => figures.slippageByRep(q, scope),
  movement: () => pipelineMovement(q, scope, fromCalendarDate(scope.period.from), c),
  sizeMix: () => sizeMix(q, scope, c),
  target: () => targetFor(q, scope, c),
};
for (const [name, run] of Object.entries(runs)) {
  await run();
  const t = performance.now();
  await run();
  console.log(`${name.padEnd(20)} ${(performance.now() - t).toFixed(1)} ms`);
}
await closeDatabase();
