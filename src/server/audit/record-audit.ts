// The one way into the audit log (docs/rules/audit.md): called by every admin change inside the
// transaction that makes it, so the change and its entry commit together or not at all; sign-ins
// write theirs on their own. Entries are never changed or removed (the database refuses it).
import { sql } from "kysely";
import { type AuditAction, type AuditObjectType, withoutSecrets } from "../../domain/audit/actions";
import type { Sql } from "../db";
import { newId } from "../ids";
import { requestClientAddress } from "./request-context";

export type AuditInput = {
  /** Who did it: a user (id and e-mail as they are now), or, for a failed sign-in, the e-mail typed and no id. */
  actor: { id: string | null; email: string };
  action: AuditAction;
  object: { type: AuditObjectType; id: string | null };
  /** The object's fields before and after the change (null: it did not exist, or does not any more). Secrets are replaced by a marker here. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** The request's client address; the request being served when not given. */
  clientAddress?: string | null;
  at?: Date;
};

/** JSON for a jsonb column, or NULL: Dates become ISO strings, bigints numbers. */
const json = (value: Record<string, unknown> | null | undefined) =>
  value == null ? null : sql`CAST(${JSON.stringify(withoutSecrets(value), (_k, v) => (typeof v === "bigint" ? Number(v) : v))} AS jsonb)`;

/** Appends one entry, in `tx` (the change's own transaction, or the database for a sign-in). */
export async function recordAudit(tx: Sql, entry: AuditInput): Promise<void> {
  await tx
    .insertInto("AuditEntry")
    .values({
      id: newId(),
      at: entry.at ?? new Date(),
      actorId: entry.actor.id,
      actorEmail: entry.actor.email.slice(0, 254),
      action: entry.action,
      objectType: entry.object.type,
      objectId: entry.object.id,
      clientAddress: entry.clientAddress === undefined ? requestClientAddress() : entry.clientAddress,
      before: json(entry.before),
      after: json(entry.after),
    })
    .execute();
}

/** An actor as an entry names them. */
export const auditActor = (actor: { id: string; email: string }) => ({ id: actor.id, email: actor.email });
