// The turnaround's due time (src/domain/deal-desk/turnaround.ts) as SQL, so that the queue can
// filter late requests and sort by due time in the database. Business time is counted from Monday
// 1970-01-05 00:00 UTC: a timestamp's business seconds are five days per whole week before it, the
// whole weekdays of its own week, and the part of today when today is a weekday. The due time is the
// first moment whose business seconds reach the creation's plus the target: a target that ends
// exactly at the end of a Friday is due then (Saturday 00:00), not on Monday, as in the domain.
// tests/server/deal-desk/queue.test.ts checks both agree.
import { sql, type RawBuilder } from "kysely";

// Constants are written into the statement, not sent as parameters of a type left to guess.
const DAY = sql.lit(86_400);
const BUSINESS_WEEK = sql.lit(5 * 86_400);
const WEEK = sql.lit(7 * 86_400);
/** 1970-01-05, the first Monday after the Unix epoch (a Thursday), in seconds. */
const MONDAY = sql.lit(4 * 86_400);

/** Business seconds between the first Monday and `at` (a timestamp column or value, UTC). */
function businessSeconds(at: RawBuilder<unknown>): RawBuilder<number> {
  const secs = sql`(extract(epoch FROM ${at}) - ${MONDAY})`;
  const day = sql`floor(${secs} / ${DAY})`;
  const weekday = sql`(${day} - floor(${day} / 7) * 7)`;
  return sql<number>`(floor(${day} / 7) * ${BUSINESS_WEEK} + least(${weekday}, 5) * ${DAY}
    + CASE WHEN ${weekday} < 5 THEN ${secs} - ${day} * ${DAY} ELSE 0 END)`;
}

/** When `targetHours` business hours have passed since `createdAt`, as a timestamp. */
export function dueAtSql(createdAt: RawBuilder<unknown>, targetHours: RawBuilder<unknown>): RawBuilder<Date> {
  const target = sql`(${businessSeconds(createdAt)} + ${targetHours} * 3600)`;
  const weeks = sql`floor(${target} / ${BUSINESS_WEEK})`;
  const rest = sql`(${target} - ${weeks} * ${BUSINESS_WEEK})`;
  return sql<Date>`(timestamp '1970-01-05 00:00:00' + make_interval(secs => (CASE WHEN ${rest} = 0
    THEN (${weeks} - 1) * ${WEEK} + ${BUSINESS_WEEK} ELSE ${weeks} * ${WEEK} + ${rest} END)::float8))`;
}
