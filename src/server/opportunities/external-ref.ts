// A deal's CRM record: `externalSource` and `externalId`, unique together (docs/rules/sync.md).
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors";
import type { ExternalRef } from "../../schemas/opportunities";
import { database, type Sql } from "../db";
import { loadVisibleOpportunity } from "./load-opportunity";

/** The deal that mirrors this CRM record, whoever may see it, or undefined. */
export async function findByExternal(q: Sql, ref: ExternalRef) {
  return q
    .selectFrom("Opportunity")
    .select(["id", "version", "status", "stageKey"])
    .where("externalSource", "=", ref.source)
    .where("externalId", "=", ref.externalId)
    .executeTakeFirst();
}

/** The database refused a second deal for the same CRM record (the unique index on the pair). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * 409 CONFLICT naming the pair, with the deal's id and current version when the caller may see it
 * (one out of sight is not described: the caller only learns the record is taken).
 */
export async function externalConflict(actor: Actor, ref: ExternalRef, q: Sql = database().sql): Promise<AppError> {
  const found = await findByExternal(q, ref);
  const visible = found ? await loadVisibleOpportunity(q, actor, found.id) : null;
  return new AppError("CONFLICT", `An opportunity already mirrors ${ref.source} record ${ref.externalId}.`, {
    field: "externalId",
    externalSource: ref.source,
    externalId: ref.externalId,
    ...(found && visible ? { id: found.id, currentVersion: found.version } : {}),
  });
}

/** Both or neither: a CRM id means nothing without the CRM. */
export function assertPair(source: string | null | undefined, externalId: string | null | undefined): void {
  if ((source === undefined) !== (externalId === undefined) || (source === null) !== (externalId === null)) {
    const field = source === undefined || source === null ? "externalSource" : "externalId";
    throw new AppError("VALIDATION_FAILED", "externalSource and externalId go together.", {
      fields: [{ field, message: "give externalSource and externalId together" }],
    });
  }
}
