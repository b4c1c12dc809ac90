// Claiming due messages: one short transaction that locks up to a batch of due rows with FOR UPDATE
// SKIP LOCKED (another worker's rows are skipped, never waited for), marks them `sending` under a
// lease, and commits before anything is sent (docs/decisions/006-outbox.md).
import { sql } from "kysely";
import { afterFailure, type RetrySchedule } from "../../domain/outbox/retry-schedule";
import type { Database, Tx } from "../db";
import { newId } from "../ids";
import type { Delivery } from "./senders/sender";

export type ClaimedMessage = Delivery & { attempts: number; firstAttemptAt: Date };

type Claim = {
  workerId: string;
  now: Date;
  batchSize: number;
  leaseMs: number;
  schedule: RetrySchedule;
  random?: () => number;
};

export function claimDueMessages(database: Database, claim: Claim): Promise<ClaimedMessage[]> {
  const { now } = claim;
  return database.transaction(async (tx) => {
    const due = await tx
      .selectFrom("OutboxMessage")
      .select(["id", "status", "attempts", "firstAttemptAt", "claimedBy"])
      .where((eb) =>
        eb.or([
          eb.and([eb("status", "=", "pending"), eb("nextAttemptAt", "<=", now)]),
          // Claimed by a worker that did not report before its lease ran out: it stopped.
          eb.and([eb("status", "=", "sending"), eb("lockedUntil", "<=", now)]),
        ]),
      )
      .orderBy("nextAttemptAt")
      .limit(claim.batchSize)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const message of due) if (message.status === "sending") await abandon(tx, message, claim);
    const ids = due.filter((m) => m.status === "pending").map((m) => m.id);
    if (ids.length === 0) return [];
    const claimed = await tx
      .updateTable("OutboxMessage")
      .set({
        status: "sending",
        claimedBy: claim.workerId,
        lockedUntil: new Date(now.getTime() + claim.leaseMs),
        attempts: sql`"attempts" + 1`,
        firstAttemptAt: sql`COALESCE("firstAttemptAt", ${now})`,
      })
      .where("id", "in", ids)
      .returning(["id", "channel", "payload", "idempotencyKey", "createdAt", "attempts", "firstAttemptAt"])
      .execute();
    return claimed.map((m) => ({ ...m, firstAttemptAt: m.firstAttemptAt ?? now }));
  });
}

/**
 * The try of a worker that stopped mid-send counts as failed: the receiver may or may not have the
 * message, and the next try sends the same idempotency key. A message that keeps killing its
 * worker thus still reaches `failed` when its retry period is over.
 */
async function abandon(tx: Tx, message: { id: string; attempts: number; firstAttemptAt: Date | null; claimedBy: string | null }, claim: Claim) {
  const { now } = claim;
  const next = afterFailure({ attempts: message.attempts, firstAttemptAt: message.firstAttemptAt ?? now, now }, claim.schedule, claim.random);
  const error = `Worker ${message.claimedBy ?? "?"} stopped before reporting; the receiver may have the message.`;
  await tx
    .insertInto("OutboxAttempt")
    .values({ id: newId(), messageId: message.id, at: now, status: "abandoned", error, worker: message.claimedBy ?? "?" })
    .execute();
  await tx
    .updateTable("OutboxMessage")
    .set({
      status: next.retry ? "pending" : "failed",
      nextAttemptAt: next.retry ? next.at : now,
      claimedBy: null,
      lockedUntil: null,
      lastError: error,
    })
    .where("id", "=", message.id)
    .execute();
}
