// The plays' reminders (docs/rules/closing.md, "Reminders"): by due date with an injected clock, one
// e-mail per touch to the deal's owner through the outbox, reaching a local SMTP server; a reminder
// missed while the app was down goes out on the next run; a snooze reminds again on its new date;
// nothing for a touch recorded, a play ended, or a deal re-opened.
import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { playReminderTask, queuePlayReminders } from "@/src/server/closing/play-reminders";
import { actOnPlay, startPlay } from "@/src/server/closing/plays";
import { countDueReminders, listReminders } from "@/src/server/closing/reminders-view";
import { database, db } from "@/src/server/db";
import { moveOpportunity } from "@/src/server/opportunities/move-opportunity";
import { startInProcessWorker, stopInProcessWorker } from "@/src/server/outbox/in-process-worker";
import { startOutboxWorker, type OutboxWorker } from "@/src/server/outbox/outbox-worker";
import { sendersFromEnv } from "@/src/server/outbox/senders/senders-from-env";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createTeam, createUser, type TestUser } from "../../support/fixtures";
import { FAST, waitFor } from "../../support/outbox";
import { startSmtpReceiver, type SmtpReceiver } from "../../support/receivers";

const MAIL_FROM = "Stageline <stageline@example.test>";
const START = new Date("2027-03-01T09:00:00Z");
const at = (day: string, time = "00:00:00") => new Date(`${day}T${time}Z`);

let smtp: SmtpReceiver;
let worker: OutboxWorker | null = null;
let rep: TestUser;
let as: Actor;

beforeAll(async () => {
  await ensureDefaults();
  smtp = await startSmtpReceiver();
  const team = await createTeam("Revivers");
  rep = await createUser({ role: "rep", teamId: team.id, email: "rosa@seller.example", name: "Rosa Lind" });
  as = await actorOf(rep);
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  smtp.mails.length = 0;
  smtp.acted.length = 0;
});
afterAll(async () => {
  await smtp.down();
});

async function lostDeal(name: string, ownerId = rep.id) {
  const id = await insertDeal(ownerId, {
    name,
    accountName: `${name} Co`,
    amount: 12_000,
    closeDate: "2027-02-15",
    stage: "closed_lost",
    status: "lost",
    closedAt: START,
  });
  await db().opportunityContact.create({ data: { opportunityId: id, name: "Ana Silva", role: "champion" } });
  return id;
}
const raise = async (id: string, remindOn: string, actor = as) =>
  (await startPlay(actor, id, { kind: "raise_the_dead", remindOn, note: "Budget returns in Q3" }, { now: START })).plays[0]!;
const reminderKeys = (id: string) =>
  database()
    .sql.selectFrom("OutboxMessage")
    .select(["idempotencyKey", "payload"])
    .where("opportunityId", "=", id)
    .where("idempotencyKey", "like", "play-touch:%")
    .orderBy("createdAt")
    .execute();

describe("Raise the Dead", () => {
  test("fires on its date, not before, and once only", async () => {
    const id = await lostDeal("Hooli");
    const play = await raise(id, "2027-03-11");
    expect(await queuePlayReminders(database(), at("2027-03-10", "23:59:59"))).toBe(0);
    expect(await reminderKeys(id)).toEqual([]);
    expect(await countDueReminders(database().sql, rep.id, at("2027-03-10", "23:59:59"))).toBe(0);

    expect(await queuePlayReminders(database(), at("2027-03-11"))).toBe(1);
    expect(await queuePlayReminders(database(), at("2027-03-11", "08:00:00"))).toBe(0);
    expect(await queuePlayReminders(database(), at("2027-03-12"))).toBe(0);
    const [mail] = await reminderKeys(id);
    expect(mail!.idempotencyKey).toBe(`play-touch:${play.touches[0]!.id}:2027-03-11:reminder`);
    const payload = mail!.payload as { to: string[]; subject: string; text: string };
    expect(payload.to).toEqual(["rosa@seller.example"]);
    expect(payload.subject).toBe("Revisit Hooli (Hooli Co): Raise the Dead");
    expect(payload.text).toContain("Budget returns in Q3");
    expect(payload.text).toContain(`/opportunities/${id}`);
    expect(payload.text).toContain("/reminders");
    const touch = await db().playTouch.findFirstOrThrow({ where: { playId: play.id } });
    expect(touch.remindedAt).toEqual(at("2027-03-11"));
    // Due in the owner's reminders until acted on.
    expect(await countDueReminders(database().sql, rep.id, at("2027-03-11"))).toBe(1);
    expect((await listReminders(as, at("2027-03-11"))).due.map((r) => r.deal.id)).toContain(id);
  });

  test("a reminder missed while the app was down fires on the next run", async () => {
    const id = await lostDeal("Initech");
    await raise(id, "2027-03-05");
    // Nothing ran between the 5th and the 20th.
    expect(await queuePlayReminders(database(), at("2027-03-20", "10:00:00"))).toBe(1);
    expect(await reminderKeys(id)).toHaveLength(1);
  });

  test("a snooze reminds again on its new date, and only then", async () => {
    const id = await lostDeal("Pied Piper");
    const play = await raise(id, "2027-03-04");
    expect(await queuePlayReminders(database(), at("2027-03-04"))).toBe(1);
    await actOnPlay(as, id, play.id, { action: "snooze", remindOn: "2027-04-01" }, { now: at("2027-03-04", "09:00:00") });
    expect(await queuePlayReminders(database(), at("2027-03-31", "23:00:00"))).toBe(0);
    expect(await queuePlayReminders(database(), at("2027-04-01"))).toBe(1);
    expect((await reminderKeys(id)).map((m) => m.idempotencyKey.split(":")[2])).toEqual(["2027-03-04", "2027-04-01"]);
  });

  test("nothing once the play is closed or the deal re-opened", async () => {
    const closed = await lostDeal("Vandelay");
    const play = await raise(closed, "2027-03-04");
    await actOnPlay(as, closed, play.id, { action: "close" }, { now: START });
    const reopened = await lostDeal("Kramerica");
    await raise(reopened, "2027-03-04");
    const version = (await db().opportunity.findUniqueOrThrow({ where: { id: reopened } })).version;
    await moveOpportunity(as, reopened, { version, toStage: "qualify", reason: "They called" }, START);
    expect(await queuePlayReminders(database(), at("2027-03-05"))).toBe(0);
    expect(await reminderKeys(closed)).toEqual([]);
    expect(await reminderKeys(reopened)).toEqual([]);
  });

  test("two workers at once queue one e-mail", async () => {
    const id = await lostDeal("Globex");
    await raise(id, "2027-03-06");
    const runs = await Promise.all([queuePlayReminders(database(), at("2027-03-06")), queuePlayReminders(database(), at("2027-03-06"))]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await reminderKeys(id)).toHaveLength(1);
  });

  test("an owner who has left gets no e-mail, and the touch is not tried again", async () => {
    const gone = await createUser({ role: "rep", email: "gone@seller.example" });
    const id = await lostDeal("Soylent", gone.id);
    await raise(id, "2027-03-07", await actorOf(gone));
    await db().user.update({ where: { id: gone.id }, data: { active: false } });
    expect(await queuePlayReminders(database(), at("2027-03-07"))).toBe(0);
    expect(await reminderKeys(id)).toEqual([]);
    expect((await db().playTouch.findFirstOrThrow({ where: { play: { opportunityId: id } } })).remindedAt).not.toBeNull();
  });
});

describe("Missed Connections", () => {
  test("each touch is reminded on its day with its suggested message; a recorded touch is not", async () => {
    const id = await lostDeal("Umbrella");
    const play = (await startPlay(as, id, { kind: "missed_connections" }, { now: START })).plays[0]!;
    expect(play.touches.map((t) => t.dueOn)).toEqual(["2027-03-15", "2027-03-31", "2027-04-30"]);
    expect(await queuePlayReminders(database(), at("2027-03-15"))).toBe(1);
    const first = (await reminderKeys(id))[0]!.payload as { subject: string; text: string };
    expect(first.subject).toBe("Reach out to Umbrella (Umbrella Co): touch 1 of 3");
    expect(first.text).toContain(play.touches[0]!.message);
    expect(first.text).toContain("Hi Ana Silva,");
    // The second touch is recorded early: no reminder for it.
    await actOnPlay(as, id, play.id, { action: "touch_done" }, { now: at("2027-03-16") });
    await actOnPlay(as, id, play.id, { action: "touch_done" }, { now: at("2027-03-17") });
    expect(await queuePlayReminders(database(), at("2027-04-01"))).toBe(0);
    expect(await queuePlayReminders(database(), at("2027-04-30"))).toBe(1);
    const done = await actOnPlay(as, id, play.id, { action: "touch_done" }, { now: at("2027-04-30", "10:00:00") });
    expect(done.plays[0]).toMatchObject({ status: "ended", endedAs: "last_touch" });
    expect((await reminderKeys(id)).map((m) => (m.payload as { subject: string }).subject)).toEqual([
      "Reach out to Umbrella (Umbrella Co): touch 1 of 3",
      "Reach out to Umbrella (Umbrella Co): touch 3 of 3",
    ]);
  });
});

test("the worker's task, on an injected clock, delivers the reminder to the SMTP server once", async () => {
  const id = await lostDeal("Wonka");
  await raise(id, "2027-03-09");
  let now = at("2027-03-08", "12:00:00");
  worker = startOutboxWorker({
    database: database(),
    senders: sendersFromEnv({ SMTP_URL: smtp.url(), MAIL_FROM }, FAST.sendTimeoutMs),
    config: FAST,
    clock: () => now,
    periodic: [{ ...playReminderTask(database()), everyMs: 0 }],
  });
  const wonka = () => smtp.acted.filter((m) => m.raw.includes("Wonka"));
  await new Promise((r) => setTimeout(r, 300));
  expect(wonka()).toEqual([]);
  now = at("2027-03-09", "07:00:00");
  await waitFor(
    async () => wonka(),
    (mails) => mails.length > 0,
  );
  await new Promise((r) => setTimeout(r, 300));
  const mails = wonka();
  expect(mails[0]!.to).toEqual(["rosa@seller.example"]);
  expect(mails).toHaveLength(1);
  const parsed = await simpleParser(mails[0]!.raw);
  expect(parsed.subject).toBe("Revisit Wonka (Wonka Co): Raise the Dead");
  expect(parsed.text).toContain(`/opportunities/${id}`);
  expect(parsed.text).toContain("Budget returns in Q3");
});

test("the app's own worker runs the play reminders at its start: a touch that fell due while it was down is reminded", async () => {
  const id = await lostDeal("Acme");
  await raise(id, "2027-03-10");
  // Its date has passed on the real clock, as if the app had been down since.
  await database()
    .sql.updateTable("PlayTouch")
    .set({ dueOn: new Date("2026-01-05T12:00:00Z") })
    .where("playId", "in", database().sql.selectFrom("ReengagementPlay").select("id").where("opportunityId", "=", id))
    .execute();
  try {
    expect(startInProcessWorker(database(), () => undefined)).not.toBeNull();
    await waitFor(
      () => reminderKeys(id),
      (rows) => rows.length === 1,
    );
  } finally {
    await stopInProcessWorker();
  }
});
