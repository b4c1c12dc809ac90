// Handing claimed messages back when a worker stops (SIGTERM): another worker takes them at once
// instead of after the claim's lease runs out (docs/outbox.md, "Stopping a worker").
import { sql } from "kysely";
import type { Database } from "../db";
import { newId } from "../ids";
import type { ClaimedMessage } from "./claim-due-messages";

type Release = {
  workerId: string;
  now: Date;
  /**
   * Whether the send had begun. An unsent message gets its try back, as if never claimed. A message
   * whose send was cut short may have reached the receiver: the try stays counted and is recorded as
   * `abandoned`, and the next try carries the same idempotency key.
   */
  sendBegun: boolean;
};

export function releaseClaim(database: Database, message: ClaimedMessage, { workerId, now, sendBegun }: Release): Promise<void> {
  return database.transaction(async (tx) => {
    // Only while the claim is still this worker's (the same guard as recording an outcome).
    const released = await tx
      .updateTable("OutboxMessage")
      .set({
        status: "pending",
        nextAttemptAt: now,
        claimedBy: null,
        lockedUntil: null,
        ...(sendBegun
          ? { lastError: `Worker ${workerId} stopped during the send; the receiver may have the message.` }
          : { attempts: sql`"attempts" - 1`, firstAttemptAt: message.attempts === 1 ? null : message.firstAttemptAt }),
      })
      .where("id", "=", message.id)
      .where("status", "=", "sending")
      .where("claimedBy", "=", workerId)
      .where("attempts", "=", message.attempts)
      .executeTakeFirst();
    if (!sendBegun || released.numUpdatedRows === 0n) return;
    await tx
      .insertInto("OutboxAttempt")
      .values({
        id: newId(),
        messageId: message.id,
        at: now,
        status: "abandoned",
        error: `Worker ${workerId} stopped during the send and handed the message back.`,
        worker: workerId,
      })
      .execute();
  });
}
