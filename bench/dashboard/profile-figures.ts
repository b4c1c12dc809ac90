// Each of the dashboard's figures timed alone, for the whole organisation (BENCH_TEAM=1: one team), on
// generated data: where the metrics endpoint's time goes. `npx tsx bench/dashboard/profile-figures.ts`
// (BENCH_DASHBOARD_DEALS; BENCH_REPEAT timed runs of each, 1 by default). With PGLITE_DIR naming a folder, the data is generated the first time and
// read again by the next runs (so a change can be timed without loading 100,000 deals again).
import { fromCalendarDate, toCalendarDate } from "@/src/domain/dates";
import { presetPeriod } from "@/src/domain/metrics/period";
import { prepareDatabase } from "@/src/server/boot/prepare-database";
import { closeDatabase, database } from "@/src/server/db";
import * as figures from "@/src/server/metrics/compute-metrics";
import { getMetrics } from "@/src/server/metrics/get-metrics";
import { resolveMetricsScope } from "@/src/server/metrics/metrics-scope";
import { pipelineMovement } from "@/src/server/metrics/movement";
import { sizeMix, targetFor } from "@/src/server/metrics/pipeline-factor";
import { findActorByToken, issueApiToken } from "@/src/auth/api-tokens";
import { db } from "@/src/server/db";
import { DEFAULT_SIZE, seedHistory } from "./seed-history";

if (!process.env.DATABASE_URL && !process.env.PGLITE_DIR) process.env.PGLITE_DIR = "memory://";
const d = database();
await prepareDatabase(d, { demoData: false });
const p = await d.sql
  .selectFrom("Process as p")
  .innerJoin("ProcessVersion as v", "v.processId", "p.id")
  .select(["p.id", "v.id as versionId"])
  .where("p.isDefault", "=", true)
  .executeTakeFirstOrThrow();
const now = new Date();
const [existing] = await d.raw.query<{ n: string }>(`SELECT count(*) AS n FROM "Opportunity" WHERE "id" LIKE 'bench-deal-%'`);
if (Number(existing!.n) === 0) {
  const org = await seedHistory(d, p.versionId, now, { ...DEFAULT_SIZE, deals: Number(process.env.BENCH_DASHBOARD_DEALS ?? 100000) });
  console.log(`${org.deals} deals, ${org.historyEntries} history entries`);
} else console.log(`${existing!.n} deals already there`);
// BENCH_TEAM=1: the first team, as its manager sees it; else the organisation, as the admin.
const userId = process.env.BENCH_TEAM ? "bench-manager-0" : "bench-admin";
const actor = (await findActorByToken(d.sql, (await issueApiToken(db(), userId, { name: "profile" })).token))!;
const period = presetPeriod("this_quarter", toCalendarDate(now));
const filter = process.env.BENCH_TEAM ? { teamId: "bench-team-0" } : {};
const q = d.sql;
const scope = await resolveMetricsScope(q, actor, period, filter);
const c = "USD";
const runs: Record<string, () => Promise<unknown>> = {
  "scope + currency": () => resolveMetricsScope(q, actor, period, filter, { withMainCurrency: true }),
  "win rates, velocity, balance, forecast, integrity, size mix": () => figures.pipelineFigures(q, scope, c, toCalendarDate(now)),
  conversions: () => figures.conversions(q, scope, c, ["period", "history"]),
  losses: () => figures.lossAnalysis(q, scope, c),
  slippage: () => figures.slippageByRep(q, scope),
  movement: () => pipelineMovement(q, scope, fromCalendarDate(scope.period.from), c),
  // The size mix alone, as the targets page asks for its thresholds (the dashboard counts it in the pass above).
  sizeMix: () => sizeMix(q, scope, c),
  target: () => targetFor(q, scope, c),
  "getMetrics (all)": () => getMetrics(actor, { ...filter, ...period }, now),
};
const only = process.argv.slice(2);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);
for (const [name, run] of Object.entries(runs)) {
  if (only.length && !only.includes(name)) continue;
  await run();
  // BENCH_REPEAT timed runs (1 by default): the median, and the fastest, which the machine's load moves less.
  // With the process's CPU time per run, which the machine's load moves less (on PGlite it is the
  // database's work too; on a server, only the app's).
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  const { user, system } = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const cpuMs = (user + system) / 1000 / REPEAT;
  console.log(`${name.padEnd(52)} ${median.toFixed(1)} ms${REPEAT > 1 ? ` (fastest ${times[0]!.toFixed(1)} ms)` : ""}, CPU ${cpuMs.toFixed(1)} ms`);
}
await closeDatabase();
