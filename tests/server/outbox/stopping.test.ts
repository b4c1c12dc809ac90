// A worker that is told to stop (SIGTERM; docs/outbox.md, "Stopping a worker") claims nothing more,
// lets its sends in flight finish within its grace period, and hands back what is still unanswered,
// so that another worker sends it at once rather than after the claim's lease runs out. A message it
// claimed but had not begun to send gets its try back.
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { database } from "@/src/server/db";
import { claimDueMessages } from "@/src/server/outbox/claim-due-messages";
import { startOutboxWorker, type OutboxWorker } from "@/src/server/outbox/outbox-worker";
import { releaseClaim } from "@/src/server/outbox/release-claims";
import { sendersFromEnv } from "@/src/server/outbox/senders/senders-from-env";
import { attemptRows, enqueue, FAST, outboxRows, waitFor, webhook } from "../../support/outbox";
import { countBy, startHttpReceiver, type HttpReceiver } from "../../support/receivers";

let http: HttpReceiver;
const workers: OutboxWorker[] = [];

beforeAll(async () => {
  http = await startHttpReceiver();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop({ graceMs: 0 })));
  http.delayMs = 0;
});
afterAll(() => http.down());

// The lease is far longer than the test: a message is only sent again here if it was handed back.
const LONG_LEASE = { ...FAST, sendTimeoutMs: 20_000, leaseMs: 600_000 };

function startWorker(workerId: string) {
  const worker = startOutboxWorker({ database: database(), senders: sendersFromEnv({}, LONG_LEASE.sendTimeoutMs), config: LONG_LEASE, workerId });
  workers.push(worker);
  return worker;
}

const rowsWith = async (prefix: string) => (await outboxRows()).filter((r) => r.idempotencyKey.startsWith(prefix));
const attemptsWith = async (prefix: string) => (await attemptRows()).filter((a) => a.idempotencyKey.startsWith(prefix));

test("sends still unanswered when the grace period ends are handed back, and another worker delivers them at once", async () => {
  await enqueue(...Array.from({ length: 3 }, (_, n) => webhook(n, http.url(), `handback:${n}`)));
  http.delayMs = 2_000;
  const first = startWorker("first:1");
  await waitFor(
    async () => http.requests.filter((r) => String(r.headers["idempotency-key"]).startsWith("handback:")).length,
    (n) => n === 3,
  );

  const stopping = Date.now();
  await first.stop({ graceMs: 100 });
  // It did not wait for the slow receiver (2 s), only for its grace period.
  expect(Date.now() - stopping).toBeLessThan(1_500);

  const handedBack = await rowsWith("handback:");
  expect(handedBack.map((r) => [r.status, r.claimedBy, r.lockedUntil, r.attempts])).toEqual(Array(3).fill(["pending", null, null, 1]));
  expect(handedBack.every((r) => r.nextAttemptAt.getTime() <= Date.now())).toBe(true);
  expect(handedBack.every((r) => r.lastError?.includes("stopped during the send"))).toBe(true);
  const abandoned = await attemptsWith("handback:");
  expect(abandoned.map((a) => [a.status, a.worker])).toEqual(Array(3).fill(["abandoned", "first:1"]));

  http.delayMs = 0;
  startWorker("second:1");
  const rows = await waitFor(
    () => rowsWith("handback:"),
    (rs) => rs.every((r) => r.status === "delivered"),
    5_000,
  );
  expect(rows.map((r) => r.attempts)).toEqual([2, 2, 2]);
  // The receiver saw each message twice under one key and acted on it once.
  const acted = countBy(
    http.acted.filter((r) => String(r.headers["idempotency-key"]).startsWith("handback:")),
    (r) => String(r.headers["idempotency-key"]),
  );
  expect(acted).toEqual({ "handback:0": 1, "handback:1": 1, "handback:2": 1 });
  expect((await attemptsWith("handback:")).map((a) => `${a.status}:${a.worker}`).sort()).toEqual([
    ...Array(3).fill("abandoned:first:1"),
    ...Array(3).fill("delivered:second:1"),
  ]);
});

test("sends answered within the grace period are recorded as usual; nothing is handed back", async () => {
  await enqueue(webhook(0, http.url(), "graceful:0"), webhook(1, http.url(), "graceful:1"));
  http.delayMs = 300;
  const worker = startWorker("graceful:1");
  await waitFor(
    async () => http.requests.filter((r) => String(r.headers["idempotency-key"]).startsWith("graceful:")).length,
    (n) => n === 2,
  );
  await worker.stop({ graceMs: 5_000 });
  const rows = await rowsWith("graceful:");
  expect(rows.map((r) => [r.status, r.attempts])).toEqual([
    ["delivered", 1],
    ["delivered", 1],
  ]);
  expect((await attemptsWith("graceful:")).map((a) => a.status)).toEqual(["delivered", "delivered"]);
});

test("a stopped worker claims nothing more", async () => {
  const worker = startWorker("stopped:1");
  await worker.stop({ graceMs: 0 });
  await enqueue(webhook(0, http.url(), "after-stop:0"));
  await new Promise((r) => setTimeout(r, 200));
  expect((await rowsWith("after-stop:")).map((r) => [r.status, r.attempts])).toEqual([["pending", 0]]);
});

test("a claim handed back before its send began gets its try back; a claim that is no longer the worker's is left alone", async () => {
  await enqueue(webhook(0, http.url(), "unsent:0"));
  const now = new Date();
  const claim = { now, batchSize: 10, leaseMs: 60_000, schedule: FAST.schedule };
  const [message] = (await claimDueMessages(database(), { ...claim, workerId: "unsent:1" })).filter((m) => m.idempotencyKey === "unsent:0");
  expect(message.attempts).toBe(1);

  // Another worker's name on the release changes nothing.
  await releaseClaim(database(), message, { workerId: "someone-else:1", now, sendBegun: false });
  expect((await rowsWith("unsent:")).map((r) => [r.status, r.claimedBy])).toEqual([["sending", "unsent:1"]]);

  await releaseClaim(database(), message, { workerId: "unsent:1", now, sendBegun: false });
  const [row] = await rowsWith("unsent:");
  expect([row.status, row.attempts, row.firstAttemptAt, row.claimedBy, row.lockedUntil, row.lastError]).toEqual([
    "pending",
    0,
    null,
    null,
    null,
    null,
  ]);
  expect(await attemptsWith("unsent:")).toEqual([]);

  // Released twice (a slow stop racing a retry), the second release finds no claim and does nothing.
  await releaseClaim(database(), message, { workerId: "unsent:1", now, sendBegun: true });
  expect((await rowsWith("unsent:"))[0].attempts).toBe(0);
  expect(await attemptsWith("unsent:")).toEqual([]);
});
