// The outbox's promise (docs/outbox.md): messages queued while their receivers are down are delivered
// once they come back, each exactly once, with every try recorded; a change that rolls back sends nothing.
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { database, type Tx } from "@/src/server/db";
import { updateOpportunity } from "@/src/server/opportunities/update-opportunity";
import { enqueueMessage } from "@/src/server/outbox/enqueue-message";
import { startOutboxWorker, type OutboxWorker } from "@/src/server/outbox/outbox-worker";
import { messageIdFor } from "@/src/server/outbox/senders/email-sender";
import { sendersFromEnv } from "@/src/server/outbox/senders/senders-from-env";
import { actorOf } from "../../support/board";
import { createDeal, ensureDefaults } from "../../support/deals";
import { createUser } from "../../support/fixtures";
import { allIn, attemptRows, enqueue, FAST, outboxRows, waitFor, webhook } from "../../support/outbox";
import { countBy, startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from "../../support/receivers";

const MAIL_FROM = "Stageline <stageline@example.test>";
let http: HttpReceiver;
let smtp: SmtpReceiver;
let worker: OutboxWorker | null = null;

beforeAll(async () => {
  http = await startHttpReceiver();
  smtp = await startSmtpReceiver();
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
});
afterAll(async () => {
  await http.down();
  await smtp.down();
});

const startWorker = () => {
  const env = { SLACK_WEBHOOK_URL: http.url("/slack"), SMTP_URL: smtp.url(), MAIL_FROM };
  worker = startOutboxWorker({ database: database(), senders: sendersFromEnv(env, FAST.sendTimeoutMs), config: FAST });
};

const INVITATION = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "METHOD:REQUEST",
  "BEGIN:VEVENT",
  "UID:handoff-1@example.test",
  "DTSTART:20260310T150000Z",
  "SUMMARY:Handoff meeting",
  "END:VEVENT",
  "END:VCALENDAR",
].join("\r\n");

test("messages queued while the receivers are down are delivered once each when they come back, every try recorded", async () => {
  await http.down();
  await smtp.down();
  await enqueue(
    webhook(1, http.url()),
    webhook(2, http.url()),
    { channel: "slack", payload: { text: "Acme Renewal was won" }, idempotencyKey: "test:slack:won" },
    {
      channel: "email",
      payload: { to: ["rep@example.test"], subject: "Handoff meeting", text: "See you there.", calendar: { method: "REQUEST", content: INVITATION } },
      idempotencyKey: "test:email:handoff",
    },
  );
  startWorker();

  // Every message is tried, fails and is tried again while nothing answers.
  await waitFor(attemptRows, (rows) => Object.values(countBy(rows, (r) => r.idempotencyKey)).filter((n) => n >= 2).length === 4);
  expect((await outboxRows()).map((r) => r.status)).not.toContain("delivered");
  await http.up();
  await smtp.up();
  const rows = await waitFor(outboxRows, allIn("delivered"));

  expect(rows).toHaveLength(4);
  expect(countBy(http.requests, (r) => String(r.headers["idempotency-key"]))).toEqual({
    "test:webhook:1": 1,
    "test:webhook:2": 1,
    "test:slack:won": 1,
  });
  expect(smtp.mails).toHaveLength(1);
  expect(smtp.mails[0].messageId).toBe(messageIdFor("test:email:handoff", MAIL_FROM));
  expect(smtp.mails[0].to).toEqual(["rep@example.test"]);
  expect(smtp.mails[0].raw).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i);
  expect(smtp.mails[0].raw).toContain("SUMMARY:Handoff meeting");

  const hook = http.requests.find((r) => r.headers["idempotency-key"] === "test:webhook:1")!;
  expect(hook.headers["webhook-id"]).toBe("test:webhook:1");
  expect(hook.headers["webhook-timestamp"]).toMatch(/^\d+$/);
  expect(hook.body).toEqual({ type: "test.event", timestamp: expect.any(String), data: { n: 1 } });
  expect(http.requests.find((r) => r.path === "/slack")?.body).toEqual({ text: "Acme Renewal was won" });

  // Per message: the failed tries with their error and duration, then one delivered try with the answer's code.
  const attempts = await attemptRows();
  for (const row of rows) {
    const mine = attempts.filter((a) => a.idempotencyKey === row.idempotencyKey);
    expect(mine.at(-1)).toMatchObject({ status: "delivered", responseCode: row.channel === "email" ? 250 : 200, error: null });
    expect(mine.slice(0, -1).every((a) => a.status === "failed" && /ECONNREFUSED/.test(a.error ?? "") && a.durationMs! >= 0)).toBe(true);
    expect(row.attempts).toBe(mine.length);
    expect(row.deliveredAt).toBeInstanceOf(Date);
  }
});

test("a message queued in a deal's write goes out only if the write commits", async () => {
  await ensureDefaults();
  const rep = await createUser({ role: "rep" });
  const actor = await actorOf(rep);
  const deal = await createDeal(rep.token);
  const renamed = (tx: Tx, key: string) => async () => {
    const changed = await updateOpportunity(actor, deal.id, { version: deal.version, name: "Renamed" }, new Date(), tx);
    await enqueueMessage(tx, { ...webhook(1, http.url(), key), opportunityId: deal.id });
    return changed;
  };

  // The rename and its message in one transaction, failed by a second write at the stale version.
  const failed = database().transaction(async (tx) => {
    await renamed(tx, "deal:rolled-back")();
    await updateOpportunity(actor, deal.id, { version: deal.version, nextStep: "Call" }, new Date(), tx);
  });
  await expect(failed).rejects.toMatchObject({ code: "VERSION_CONFLICT" });
  await database().transaction((tx) => renamed(tx, "deal:committed")());
  startWorker();

  await waitFor(outboxRows, (rows) => rows.some((r) => r.idempotencyKey === "deal:committed" && r.status === "delivered"));
  expect((await outboxRows()).map((r) => r.idempotencyKey)).not.toContain("deal:rolled-back");
  const dealKeys = http.requests.map((r) => String(r.headers["idempotency-key"])).filter((k) => k.startsWith("deal:"));
  expect(dealKeys).toEqual(["deal:committed"]);
  expect((await outboxRows()).find((r) => r.idempotencyKey === "deal:committed")?.opportunityId).toBe(deal.id);
});

test("queuing a message whose idempotency key is already queued adds nothing", async () => {
  let queued: boolean[] = [];
  await database().transaction(async (tx) => {
    queued = [await enqueueMessage(tx, webhook(7, http.url(), "test:once")), await enqueueMessage(tx, webhook(8, http.url(), "test:once"))];
  });
  expect(queued).toEqual([true, false]);
  expect((await outboxRows()).filter((r) => r.idempotencyKey === "test:once").map((r) => r.payload)).toEqual([
    { url: http.url(), type: "test.event", data: { n: 7 } },
  ]);
});

test("a malformed payload is refused inside the change's transaction", async () => {
  const bad = database().transaction((tx) =>
    enqueueMessage(tx, { channel: "webhook", payload: { url: "ftp://example.test", type: "x", data: null }, idempotencyKey: "test:bad" }),
  );
  await expect(bad).rejects.toThrow();
  expect((await outboxRows()).map((r) => r.idempotencyKey)).not.toContain("test:bad");
});
