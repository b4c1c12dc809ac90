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

/** The touch's date as a calendar date (YYYY-MM-DD), as the domain reads dates. */
export const touchDueOn = () => sql<string>`t."dueOn"::text`.as("dueOn");
/** How many touches the touch's play has. */
export const touchesOfPlay = () => sql<number>`(SELECT count(*)::int FROM "PlayTouch" x WHERE x."playId" = p."id")`.as("of");
/** Due on `today` or before. */
export const dueBy = (today: string) => sql<boolean>`t."dueOn" <= ${today}::date`;
