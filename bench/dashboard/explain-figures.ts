// Where the dashboard's time goes, statement by statement: every statement getMetrics sends for the
// whole organisation (BENCH_TEAM=1: one team) is run again under EXPLAIN (ANALYZE, TIMING OFF), which
// reports the planning and execution time of each without the cost of timing every node, and
// `--plans` prints each plan (with BUFFERS and per-node timing, slower). Reads the data of
// profile-figures.ts: `PGLITE_DIR=/tmp/dash npx tsx bench/dashboard/explain-figures.ts` (or
// DATABASE_URL), after a run of profile-figures.ts with the same setting has generated it.
import type { CompiledQuery } from "kysely";
import { findActorByToken, issueApiToken } from "@/src/auth/api-tokens";
import { toCalendarDate } from "@/src/domain/dates";
import { presetPeriod } from "@/src/domain/metrics/period";
import { closeDatabase, database, db } from "@/src/server/db";
import { getMetrics } from "@/src/server/metrics/get-metrics";

const d = database();
const now = new Date();
const userId = process.env.BENCH_TEAM ? "bench-manager-0" : "bench-admin";
const actor = (await findActorByToken(d.sql, (await issueApiToken(db(), userId, { name: "explain" })).token))!;
const period = presetPeriod("this_quarter", toCalendarDate(now));
const filter = process.env.BENCH_TEAM ? { teamId: "bench-team-0" } : {};
const plans = process.argv.includes("--plans");

// Every statement the request sends, as compiled (the executor is the one object every query goes through).
const executor = d.sql.getExecutor();
const send = executor.executeQuery.bind(executor);
const captured: CompiledQuery[] = [];
executor.executeQuery = (async (query: CompiledQuery) => {
  captured.push(query);
  return send(query);
}) as typeof executor.executeQuery;
await getMetrics(actor, { ...filter, ...period }, now);
captured.length = 0;
await getMetrics(actor, { ...filter, ...period }, now);
executor.executeQuery = send;

for (const query of captured) {
  const name = query.sql.replace(/\s+/g, " ").slice(0, 90);
  const options = plans ? "ANALYZE, BUFFERS" : "ANALYZE, TIMING OFF";
  const rows = await d.raw.query<Record<string, string>>(`EXPLAIN (${options}) ${query.sql}`, [...query.parameters]);
  const lines = rows.map((r) => String(Object.values(r)[0]));
  const time = (label: string) => lines.find((l) => l.startsWith(label))?.replace(/.*: /, "") ?? "?";
  console.log(`planning ${time("Planning Time").padStart(10)}  execution ${time("Execution Time").padStart(11)}  ${name}`);
  if (plans) console.log(`${lines.join("\n")}\n`);
}
await closeDatabase();
