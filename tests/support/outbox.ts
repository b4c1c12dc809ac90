// Shared pieces of the outbox tests: a fast configuration, queuing through the app's own transaction,
// reading the outbox back, and waiting for the worker.
import { database } from "@/src/server/db";
import { enqueueMessage, type NewOutboxMessage } from "@/src/server/outbox/enqueue-message";
import type { OutboxConfig } from "@/src/server/outbox/outbox-config";

/** Retries within a second or two, instead of over a day. */
export const FAST: OutboxConfig = {
  pollMs: 25,
  batchSize: 10,
  sendTimeoutMs: 2_000,
  leaseMs: 9_000,
  schedule: { baseDelayMs: 50, maxDelayMs: 200, retryForMs: 60_000 },
  stopGraceMs: 1_000,
};

/** Queues the messages in one committed transaction, as a change would. */
export async function enqueue(...messages: NewOutboxMessage[]): Promise<void> {
  await database().transaction(async (tx) => {
    for (const message of messages) await enqueueMessage(tx, message);
  });
}

export const webhook = (n: number, url: string, key = `test:webhook:${n}`): NewOutboxMessage => ({
  channel: "webhook",
  payload: { url, type: "test.event", data: { n } },
  idempotencyKey: key,
});

export async function outboxRows() {
  return database().sql.selectFrom("OutboxMessage").selectAll().orderBy("idempotencyKey").execute();
}

export async function attemptRows() {
  return database()
    .sql.selectFrom("OutboxAttempt")
    .innerJoin("OutboxMessage", "OutboxMessage.id", "OutboxAttempt.messageId")
    .select([
      "OutboxMessage.idempotencyKey",
      "OutboxAttempt.status",
      "OutboxAttempt.responseCode",
      "OutboxAttempt.error",
      "OutboxAttempt.durationMs",
      "OutboxAttempt.worker",
      "OutboxAttempt.at",
    ])
    .orderBy("OutboxAttempt.at")
    .execute();
}

/** Polls `check` until it holds, failing after `timeoutMs` with what it last returned. */
export async function waitFor<T>(check: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting; last value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const allIn = (status: string) => (rows: { status: string }[]) => rows.length > 0 && rows.every((r) => r.status === status);
