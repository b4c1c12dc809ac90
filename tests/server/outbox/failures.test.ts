// How the outbox treats what cannot be delivered (docs/outbox.md, "States"): a channel without
// configuration leaves its messages not_configured, a receiver that keeps failing gets tries until the
// retry period is over and the message is failed, a refusal fails it at once, and a worker that stops
// mid-send loses nothing. An admin's retry sends any of them again.
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { database } from "@/src/server/db";
import { claimDueMessages } from "@/src/server/outbox/claim-due-messages";
import type { OutboxConfig } from "@/src/server/outbox/outbox-config";
import { startOutboxWorker, type OutboxWorker } from "@/src/server/outbox/outbox-worker";
import { retryOutboxMessage } from "@/src/server/outbox/retry-outbox-message";
import { sendersFromEnv } from "@/src/server/outbox/senders/senders-from-env";
import { actorOf } from "../../support/board";
import { createUser } from "../../support/fixtures";
import { attemptRows, enqueue, FAST, outboxRows, waitFor, webhook } from "../../support/outbox";
import { startHttpReceiver, type HttpReceiver } from "../../support/receivers";

let http: HttpReceiver;
let admin: Actor;
let worker: OutboxWorker | null = null;

beforeAll(async () => {
  http = await startHttpReceiver();
  admin = await actorOf(await createUser({ role: "admin" }));
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  http.failWith = null;
  http.failBody = "not now";
});
afterAll(() => http.down());

function startWorker(env: Record<string, string> = {}, config: OutboxConfig = FAST) {
  worker = startOutboxWorker({ database: database(), senders: sendersFromEnv(env, config.sendTimeoutMs), config });
}

const rowOf = async (key: string) => (await outboxRows()).find((r) => r.idempotencyKey === key)!;
const attemptsOf = async (key: string) => (await attemptRows()).filter((a) => a.idempotencyKey === key);
const statusIs = (key: string, status: string) => (rows: { idempotencyKey: string; status: string }[]) =>
  rows.some((r) => r.idempotencyKey === key && r.status === status);

test("a channel without configuration leaves its message not_configured; configured and retried, it is delivered", async () => {
  await enqueue(
    { channel: "slack", payload: { text: "Deal won" }, idempotencyKey: "nc:slack" },
    { channel: "email", payload: { to: ["a@example.test"], subject: "Hello", text: "Hi" }, idempotencyKey: "nc:email" },
  );
  startWorker({});
  await waitFor(outboxRows, (rows) => statusIs("nc:slack", "not_configured")(rows) && statusIs("nc:email", "not_configured")(rows));
  expect((await rowOf("nc:slack")).lastError).toBe("Slack (SLACK_WEBHOOK_URL) is not configured.");
  expect((await rowOf("nc:email")).lastError).toBe("E-mail (SMTP_URL and MAIL_FROM) is not configured.");
  expect((await attemptsOf("nc:slack")).map((a) => a.status)).toEqual(["not_configured"]);

  // Nothing more happens to it until someone acts: it is not dropped, and not retried in a loop.
  await new Promise((r) => setTimeout(r, 300));
  expect(await attemptsOf("nc:slack")).toHaveLength(1);

  await worker!.stop();
  startWorker({ SLACK_WEBHOOK_URL: http.url("/slack") });
  const retried = await retryOutboxMessage(admin, (await rowOf("nc:slack")).id);
  expect(retried).toMatchObject({ status: "pending", attempts: 0, recentAttempts: [{ status: "not_configured" }] });
  await waitFor(outboxRows, statusIs("nc:slack", "delivered"));
  expect(http.requests.filter((r) => r.headers["idempotency-key"] === "nc:slack")).toHaveLength(1);
  expect((await attemptsOf("nc:slack")).map((a) => a.status)).toEqual(["not_configured", "delivered"]);
});

test("a receiver that keeps failing gets tries until the retry period is over, then the message is failed", async () => {
  http.failWith = 503;
  await enqueue(webhook(1, http.url(), "fail:503"));
  startWorker({}, { ...FAST, schedule: { baseDelayMs: 20, maxDelayMs: 80, retryForMs: 400 } });
  const row = (await waitFor(outboxRows, statusIs("fail:503", "failed"))).find((r) => r.idempotencyKey === "fail:503")!;

  const attempts = await attemptsOf("fail:503");
  expect(attempts.length).toBeGreaterThanOrEqual(2);
  expect(attempts.every((a) => a.status === "failed" && a.responseCode === 503 && a.error === "HTTP 503: not now")).toBe(true);
  // The last try ended once the retry period after the first had passed.
  const last = attempts.at(-1)!;
  expect(last.at.getTime() + last.durationMs! - row.firstAttemptAt!.getTime()).toBeGreaterThanOrEqual(400);
  expect(row).toMatchObject({ attempts: attempts.length, lastError: "HTTP 503: not now", deliveredAt: null });

  // Once the receiver is back, an admin's retry delivers it.
  http.failWith = null;
  await retryOutboxMessage(admin, row.id);
  await waitFor(outboxRows, statusIs("fail:503", "delivered"));
});

test("a receiver that refuses the message itself (400) fails it after one try", async () => {
  http.failWith = 400;
  await enqueue(webhook(2, http.url(), "fail:400"));
  startWorker();
  await waitFor(outboxRows, statusIs("fail:400", "failed"));
  expect((await attemptsOf("fail:400")).map((a) => [a.status, a.responseCode])).toEqual([["failed", 400]]);
});

// A NUL in the receiver's reply used to make the attempt unrecordable (text columns refuse it): the
// message stayed in sending until its lease ran out, and was sent again and again.
test("a refusal whose reply holds a NUL character is recorded once, without it", async () => {
  http.failWith = 400;
  http.failBody = "bad\u0000 request";
  await enqueue(webhook(3, http.url(), "fail:nul"));
  startWorker();
  await waitFor(outboxRows, statusIs("fail:nul", "failed"));
  expect((await attemptsOf("fail:nul")).map((a) => [a.status, a.responseCode, a.error])).toEqual([["failed", 400, "HTTP 400: bad request"]]);
});

test("a message claimed by a worker that stopped is tried again once its lease runs out, the lost try recorded", async () => {
  await enqueue(webhook(3, http.url(), "lease:1"));
  // A worker claims the message and dies before sending or reporting: nothing records an outcome.
  const lost = await claimDueMessages(database(), { workerId: "gone:1", now: new Date(), batchSize: 10, leaseMs: 300, schedule: FAST.schedule });
  expect(lost.map((m) => m.idempotencyKey)).toEqual(["lease:1"]);
  expect(await rowOf("lease:1")).toMatchObject({ status: "sending", claimedBy: "gone:1" });

  startWorker();
  await waitFor(outboxRows, statusIs("lease:1", "delivered"));
  expect((await attemptsOf("lease:1")).map((a) => [a.status, a.worker])).toEqual([
    ["abandoned", "gone:1"],
    ["delivered", worker!.id],
  ]);
  expect(http.requests.filter((r) => r.headers["idempotency-key"] === "lease:1")).toHaveLength(1);
});

test("a message still under another worker's lease is left alone", async () => {
  await enqueue(webhook(4, http.url(), "lease:2"));
  await claimDueMessages(database(), { workerId: "busy:1", now: new Date(), batchSize: 10, leaseMs: 60_000, schedule: FAST.schedule });
  startWorker();
  await new Promise((r) => setTimeout(r, 300));
  expect(await rowOf("lease:2")).toMatchObject({ status: "sending", claimedBy: "busy:1" });
  expect(await attemptsOf("lease:2")).toEqual([]);
});
