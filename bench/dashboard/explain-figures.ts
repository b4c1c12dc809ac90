// EXPLAIN (ANALYZE, BUFFERS) of the movement's and the size mix's statements on the profile's data
// (PGLITE_DIR or DATABASE_URL as for profile-figures.ts, whose data it reads).
import { sql } from "kysely";
import { fromCalendarDate, toCalendarDate } from "@/src/domain/dates";
import { presetPeriod } from "@/src/domain/metrics/period";
import { findActorByToken, issueApiToken } from "@/src/auth/api-tokens";
import { closeDatabase, database, db } from "@/src/server/db";
import { resolveMetricsScope } from "@/src/server/metrics/metrics-scope";
import { MOVEMENT_KINDS } from "@/src/domain/metrics/deal-figures";
import { MOVEMENT_BUCKETS, movementRows } from "@/src/server/metrics/movement";
import { sizedDeals } from "@/src/server/metrics/pipeline-factor";

const d = database();
const now = new Date();
const userId = process.env.BENCH_TEAM ? "bench-manager-0" : "bench-admin";
const actor = (await findActorByToken(d.sql, (await issueApiToken(db(), userId, { name: "explain" })).token))!;
const period = presetPeriod("this_quarter", toCalendarDate(now));
const scope = await resolveMetricsScope(d.sql, actor, period, process.env.BENCH_TEAM ? { teamId: "bench-team-0" } : {});
const statements: Record<string, ReturnType<typeof sql>> = {
  movement: sql`SELECT ${sql.join(
    MOVEMENT_KINDS.map((k) => {
      const { where, value } = MOVEMENT_BUCKETS[k];
      return sql`count(*) FILTER (WHERE ${where}), sum(${value ?? sql`0`}) FILTER (WHERE ${where} AND mv.in_currency)`;
    }),
  )} FROM ${movementRows(scope, fromCalendarDate(scope.period.from), "USD")} mv`,
  sizeMix: sql`SELECT sz.size, count(*) FROM ${sizedDeals(scope, "USD")} sz GROUP BY 1`,
};
const only = process.argv.slice(2);
for (const [name, statement] of Object.entries(statements)) {
  if (only.length && !only.includes(name)) continue;
  const c = statement.compile(d.sql);
  const rows = await d.raw.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, [...c.parameters]);
  console.log(`--- ${name}\n${rows.map((r) => Object.values(r)[0]).join("\n")}`);
}
await closeDatabase();
