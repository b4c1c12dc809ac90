// The touches a reminder can be about (docs/rules/closing.md, "Reminders"): not done, on an active
// play of a deal still lost. The worker's e-mails and "My reminders" both read from here, so what
// is reminded and what the page lists cannot drift apart.
import { sql } from "kysely";
import type { Sql } from "../db";

/** Open touches joined to their play (p) and deal (o). */
export const openTouches = (q: Sql) =>
  q
    .selectFrom("PlayTouch as t")
    .innerJoin("ReengagementPlay as p", "p.id", "t.playId")
    .innerJoin("Opportunity as o", "o.id", "p.opportunityId")
    .where("o.status", "=", "lost")
    .where("p.status", "=", "active")
    .where("t.doneAt", "is", null);

/**
 * What a reminder shows of an open touch: the touch (its date as a calendar date, YYYY-MM-DD, as the
 * domain reads dates), its play with how many touches it has, and its deal.
 */
export const touchColumns = [
  "t.id",
  "t.playId",
  "t.position",
  sql<string>`t."dueOn"::text`.as("dueOn"),
  "t.message",
  "p.kind",
  "p.note",
  sql<number>`(SELECT count(*)::int FROM "PlayTouch" x WHERE x."playId" = p."id")`.as("of"),
  "o.id as opportunityId",
  "o.name",
  "o.accountName",
] as const;
/** Due on `today` or before. */
export const dueBy = (today: string) => sql<boolean>`t."dueOn" <= ${today}::date`;
