import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES } from "../domain/audit/actions";
import { Id, PageQuery } from "./common";
import { CalendarDate } from "./opportunities";

/**
 * The audit log's filters (each optional, all of them applied), paged as every list is. `actor`
 * matches part of the e-mail the entry names (any case); `from` and `to` are days in UTC, both included.
 */
export const ListAuditQuery = z
  .object({
    actor: z.string().trim().max(254).optional(),
    actorId: Id.optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    objectType: z.enum(AUDIT_OBJECT_TYPES).optional(),
    objectId: Id.optional(),
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    ...PageQuery,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "on or after from", path: ["to"] });
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;
export type AuditFilters = Omit<ListAuditQuery, "cursor" | "limit">;

export const AuditEntryResponse = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorEmail: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    objectType: z.enum(AUDIT_OBJECT_TYPES),
    objectId: z.string().nullable(),
    clientAddress: z.string().nullable(),
    /** The object's fields before and after (secrets written as "[secret]"); null for none. */
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntryResponse = z.infer<typeof AuditEntryResponse>;

export const AuditList = z.object({ items: z.array(AuditEntryResponse), nextCursor: z.string().nullable() }).meta({ id: "AuditList" });
