// "My reminders" (docs/rules/closing.md, "Reminders"): the touches of active plays on the deals the
// caller owns, whatever their role. A manager's or an admin's own deals only: a reminder is a
// prompt to act, and only the owner works a deal's plays day to day.
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { toCalendarDate } from "../../domain/dates";
import type { PlayKind } from "../../domain/closing/plays";
import type { RemindersResponse } from "../../schemas/plays";
import { database, type Sql } from "../db";
import { dueBy, openTouches, touchColumns } from "./open-touches";
import { touchView } from "./plays";

const UPCOMING = 100;

/** The open touches on the deals this user owns. */
const ownTouches = (q: Sql, ownerId: string) => openTouches(q).where("o.ownerId", "=", ownerId);

export async function listReminders(actor: Actor, now = new Date()): Promise<RemindersResponse> {
  const q = database().sql;
  const today = toCalendarDate(now);
  const read = (due: boolean) =>
    ownTouches(q, actor.id)
      .select(touchColumns)
      .select(["t.remindedAt", "t.doneAt"])
      .where(due ? dueBy(today) : sql<boolean>`t."dueOn" > ${today}::date`)
      .orderBy("t.dueOn")
      .orderBy("o.name")
      .orderBy("t.id")
      .limit(due ? 500 : UPCOMING)
      .execute();
  const view = (r: Awaited<ReturnType<typeof read>>[number]) => ({
    touch: touchView(r, true, today),
    of: r.of,
    play: { id: r.playId, kind: r.kind as PlayKind, note: r.note },
    deal: { id: r.opportunityId, name: r.name, accountName: r.accountName },
  });
  const [due, upcoming] = await Promise.all([read(true), read(false)]);
  return { due: due.map(view), upcoming: upcoming.map(view) };
}

/** How many of the user's touches are due: the navigation's count. */
export async function countDueReminders(q: Sql, userId: string, now = new Date()): Promise<number> {
  const row = await ownTouches(q, userId)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where(dueBy(toCalendarDate(now)))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
