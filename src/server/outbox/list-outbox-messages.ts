// The admin's view of the outbox: messages newest first, each with its latest tries.
import { sql, type Selectable } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import type { OutboxMessage } from "../../generated/kysely/types";
import type { ListOutboxQuery, OutboxMessageResponse } from "../../schemas/outbox";
import { database, type Sql } from "../db";

const RECENT_ATTEMPTS = 5;

export async function listOutboxMessages(actor: Actor, query: ListOutboxQuery): Promise<{ items: OutboxMessageResponse[] }> {
  assertCan(actor, "outbox.manage");
  const db = database().sql;
  let messages = db.selectFrom("OutboxMessage").selectAll().orderBy("createdAt", "desc").orderBy("id", "desc").limit(query.limit);
  if (query.status) messages = messages.where("status", "=", query.status);
  const rows = await messages.execute();
  const attempts = await recentAttempts(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((row) => toResponse(row, attempts.get(row.id) ?? [])) };
}

export async function recentAttempts(db: Sql, messageIds: string[]) {
  const byMessage = new Map<string, OutboxMessageResponse["recentAttempts"]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("OutboxAttempt")
        .selectAll()
        .select(sql<number>`row_number() OVER (PARTITION BY "messageId" ORDER BY "at" DESC, "id" DESC)`.as("n"))
        .where("messageId", "in", messageIds)
        .as("a"),
    )
    .selectAll()
    .where("n", "<=", RECENT_ATTEMPTS)
    .orderBy("at", "desc")
    .execute();
  for (const a of rows) {
    const list = byMessage.get(a.messageId) ?? [];
    list.push({ at: a.at.toISOString(), status: a.status, responseCode: a.responseCode, error: a.error, durationMs: a.durationMs, worker: a.worker });
    byMessage.set(a.messageId, list);
  }
  return byMessage;
}

export function toResponse(row: Selectable<OutboxMessage>, recentAttempts: OutboxMessageResponse["recentAttempts"]): OutboxMessageResponse {
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    idempotencyKey: row.idempotencyKey,
    payload: row.payload as Record<string, unknown>,
    opportunityId: row.opportunityId,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    recentAttempts,
  };
}
