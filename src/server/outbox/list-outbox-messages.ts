// The admin's view of the outbox: messages newest first, each with its latest tries, filtered by
// status, channel and deal, paged with the API's cursor (docs/outbox.md).
import { sql, type Selectable } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import type { OutboxMessage } from "../../generated/kysely/types";
import { type ListOutboxQuery, OUTBOX_STATUSES, type OutboxMessageResponse } from "../../schemas/outbox";
import { database, type Sql } from "../db";
import { decodeCursor, pageOf } from "../list-cursor";

const RECENT_ATTEMPTS = 5;

export async function listOutboxMessages(
  actor: Actor,
  query: ListOutboxQuery,
): Promise<{ items: OutboxMessageResponse[]; nextCursor: string | null }> {
  assertCan(actor, "outbox.manage");
  const db = database().sql;
  let messages = db
    .selectFrom("OutboxMessage")
    .selectAll()
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  if (query.status) messages = messages.where("status", "=", query.status);
  if (query.channel) messages = messages.where("channel", "=", query.channel);
  if (query.opportunityId) messages = messages.where("opportunityId", "=", query.opportunityId);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    messages = messages.where(sql<boolean>`("createdAt", "id") < (${at}, ${id})`);
  }
  const { page, nextCursor } = pageOf(await messages.execute(), query.limit, (row) => row);
  const attempts = await recentAttempts(
    db,
    page.map((r) => r.id),
  );
  return { items: page.map((row) => toResponse(row, attempts.get(row.id) ?? [])), nextCursor };
}

/** How many messages are in each status, for the admin page's tabs (with the same channel and deal filters). */
export async function countOutboxByStatus(
  actor: Actor,
  filter: Pick<ListOutboxQuery, "channel" | "opportunityId"> = {},
): Promise<Record<OutboxMessageResponse["status"], number>> {
  assertCan(actor, "outbox.manage");
  let q = database()
    .sql.selectFrom("OutboxMessage")
    .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("status");
  if (filter.channel) q = q.where("channel", "=", filter.channel);
  if (filter.opportunityId) q = q.where("opportunityId", "=", filter.opportunityId);
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxMessageResponse["status"], number>;
  for (const row of await q.execute()) counts[row.status] = Number(row.n);
  return counts;
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
