// An admin sends a failed or not configured message again: pending at once, attempts counted afresh,
// and a full retry period from its next first try (docs/outbox.md, "Retries").
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { AppError, notFound } from "../../errors";
import type { OutboxMessageResponse } from "../../schemas/outbox";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database } from "../db";
import { recentAttempts, toResponse } from "./list-outbox-messages";

const RETRYABLE = ["failed", "not_configured"] as const;

export async function retryOutboxMessage(actor: Actor, id: string, now = new Date()): Promise<OutboxMessageResponse> {
  assertCan(actor, "outbox.manage");
  return database().transaction(async (tx) => {
    const was = await tx.selectFrom("OutboxMessage").select(["status", "attempts", "lastError"]).where("id", "=", id).forUpdate().executeTakeFirst();
    const row = await tx
      .updateTable("OutboxMessage")
      .set({ status: "pending", nextAttemptAt: now, attempts: 0, firstAttemptAt: null, claimedBy: null, lockedUntil: null })
      .where("id", "=", id)
      .where("status", "in", RETRYABLE)
      .returningAll()
      .executeTakeFirst();
    if (row && was)
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "outbox.retried",
        object: { type: "outbox_message", id },
        before: { channel: row.channel, status: was.status, attempts: was.attempts, lastError: was.lastError },
        after: { channel: row.channel, status: row.status, attempts: row.attempts, lastError: row.lastError },
        at: now,
      });
    if (row) return toResponse(row, (await recentAttempts(tx, [id])).get(id) ?? []);
    const current = await tx.selectFrom("OutboxMessage").select("status").where("id", "=", id).executeTakeFirst();
    if (!current) throw notFound("Outbox message");
    throw new AppError("CONFLICT", `Only a failed or not configured message can be retried; this one is ${current.status}.`, {
      status: current.status,
    });
  });
}
