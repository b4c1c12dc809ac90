// Queues an outgoing message in the caller's transaction: it is delivered once that transaction
// commits, and never if it rolls back (docs/outbox.md).
import type { Tx } from "../db";
import { newId } from "../ids";
import { PAYLOADS, type OutboxMessageInput } from "./payloads";

export type NewOutboxMessage = OutboxMessageInput & {
  /** Names the message, not the try: the same key queues nothing twice and is sent with every try. */
  idempotencyKey: string;
  opportunityId?: string | null;
  /** The Closed Won checklist item this message carries out: the item's state follows the message. */
  checklistItemId?: string | null;
  /** The webhook endpoint this message is for: its deliveries list it. */
  webhookEndpointId?: string | null;
};

/** true when queued, false when a message with this idempotency key already exists. */
export async function enqueueMessage(tx: Tx, message: NewOutboxMessage, now = new Date()): Promise<boolean> {
  // A malformed payload is a programming error: refused here, in the change's transaction.
  const payload = PAYLOADS[message.channel].parse(message.payload);
  const result = await tx
    .insertInto("OutboxMessage")
    .values({
      id: newId(),
      channel: message.channel,
      payload: JSON.stringify(payload),
      idempotencyKey: message.idempotencyKey,
      opportunityId: message.opportunityId ?? null,
      checklistItemId: message.checklistItemId ?? null,
      webhookEndpointId: message.webhookEndpointId ?? null,
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflict((oc) => oc.column("idempotencyKey").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
