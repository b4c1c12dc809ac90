// The plays' reminders (docs/rules/closing.md, "Reminders"): a touch whose date has come, not done,
// on an active play of a deal still lost, queues one e-mail to the deal's owner with the suggested
// message and a link, and is marked reminded, in one transaction. The outbox worker runs this between
// its rounds; it reads by due date, so a touch that fell due while the app was down is reminded on
// the next run. The idempotency key names the touch and its date: a snoozed play is reminded again
// on its new date, and nothing else twice.
import { toCalendarDate } from "../../domain/dates";
import { PLAY_NAMES, type PlayKind } from "../../domain/closing/plays";
import type { Database, Sql } from "../db";
import { appLink } from "../deal-desk/notifications";
import { enqueueMessage, type NewOutboxMessage } from "../outbox/enqueue-message";
import { dueBy, openTouches, touchColumns } from "./open-touches";

type DueTouch = {
  id: string;
  playId: string;
  position: number;
  dueOn: string;
  message: string;
  kind: PlayKind;
  note: string;
  of: number;
  opportunityId: string;
  name: string;
  accountName: string;
  ownerEmail: string;
  ownerActive: boolean;
};

/** Touches due on `today` or before, not reminded yet, on active plays of lost deals. */
const dueTouches = (q: Sql, today: string) =>
  openTouches(q)
    .innerJoin("User as u", "u.id", "o.ownerId")
    .select(touchColumns)
    .select(["u.email as ownerEmail", "u.active as ownerActive"])
    .where(dueBy(today))
    .where("t.remindedAt", "is", null);

export function reminderMail(touch: DueTouch): NewOutboxMessage {
  const deal = `${touch.name} (${touch.accountName})`;
  const link = appLink(`/opportunities/${touch.opportunityId}`);
  const lines =
    touch.kind === "raise_the_dead"
      ? [
          `Today is the day you picked to revisit ${deal}, lost earlier.`,
          ...(touch.note ? ["", `Your note: ${touch.note}`] : []),
          "",
          "Re-open it into Qualify or a later stage, snooze to another date, or close the play:",
          link,
        ]
      : [
          `Touch ${touch.position} of ${touch.of} of Missed Connections for ${deal} is due.`,
          "",
          "A message you might send:",
          "",
          touch.message,
          "",
          "Record the touch, or that the buyer answered, on the deal:",
          link,
        ];
  return {
    channel: "email",
    idempotencyKey: `play-touch:${touch.id}:${touch.dueOn}:reminder`,
    opportunityId: touch.opportunityId,
    payload: {
      to: [touch.ownerEmail],
      subject:
        touch.kind === "raise_the_dead"
          ? `Revisit ${deal}: ${PLAY_NAMES.raise_the_dead}`
          : `Reach out to ${deal}: touch ${touch.position} of ${touch.of}`,
      text: [...lines, "", `All your reminders: ${appLink("/reminders")}`].join("\n"),
    },
  };
}

/** Queues the reminders due at `now`; answers how many e-mails were newly queued. */
export async function queuePlayReminders(db: Database, now: Date): Promise<number> {
  const today = toCalendarDate(now);
  const candidates = await dueTouches(db.sql, today).orderBy("t.dueOn").orderBy("t.id").limit(100).execute();
  let queued = 0;
  for (const touch of candidates) {
    await db.transaction(async (tx) => {
      // Still due when the reminder is queued: a touch recorded, a snooze or a re-open since the read
      // above sends none. The row lock makes two workers queue one e-mail.
      const still = await dueTouches(tx, today).where("t.id", "=", touch.id).forUpdate("t").executeTakeFirst();
      if (!still) return;
      // An owner who has left gets no e-mail; the touch stays in the reminders of whoever owns the deal next.
      // Sent as soon as the worker gets to it: `now` decides what is due, not the outbox's schedule.
      if (still.ownerActive && (await enqueueMessage(tx, reminderMail(still)))) queued++;
      await tx.updateTable("PlayTouch").set({ remindedAt: now }).where("id", "=", touch.id).execute();
    });
  }
  return queued;
}

/** The worker's task: looks for due touches once a minute. */
export const playReminderTask = (db: Database) => ({
  name: "play reminders",
  everyMs: 60_000,
  run: (now: Date) => queuePlayReminders(db, now).then(() => undefined),
});
