import { z } from "zod";
import { Id, PageQuery } from "./common";

export const OUTBOX_CHANNELS = ["slack", "email", "webhook"] as const;
export const OUTBOX_STATUSES = ["pending", "sending", "delivered", "failed", "not_configured"] as const;
export const ATTEMPT_STATUSES = ["delivered", "failed", "not_configured", "abandoned"] as const;

/** Filters of the admin's list (each optional, all of them applied), paged as every list is. */
export const ListOutboxQuery = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  channel: z.enum(OUTBOX_CHANNELS).optional(),
  /** The deal the messages were sent for. */
  opportunityId: Id.optional(),
  ...PageQuery,
});
export type ListOutboxQuery = z.infer<typeof ListOutboxQuery>;

export const OutboxParams = z.object({ id: Id });

export const OutboxAttemptResponse = z
  .object({
    at: z.string(),
    status: z.enum(ATTEMPT_STATUSES),
    responseCode: z.number().int().nullable(),
    error: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    worker: z.string(),
  })
  .meta({ id: "OutboxAttempt" });

export const OutboxMessageResponse = z
  .object({
    id: z.string(),
    channel: z.enum(OUTBOX_CHANNELS),
    status: z.enum(OUTBOX_STATUSES),
    idempotencyKey: z.string(),
    payload: z.record(z.string(), z.unknown()),
    opportunityId: z.string().nullable(),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
    /** The latest tries, newest first. */
    recentAttempts: z.array(OutboxAttemptResponse),
  })
  .meta({ id: "OutboxMessage" });
export type OutboxMessageResponse = z.infer<typeof OutboxMessageResponse>;

export const OutboxList = z.object({ items: z.array(OutboxMessageResponse), nextCursor: z.string().nullable() }).meta({ id: "OutboxList" });
