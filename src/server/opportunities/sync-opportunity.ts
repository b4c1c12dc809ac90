// Sync by external id: a CRM creates or updates the deal that mirrors one of its records, by the
// record's source and id, with the rules of the create, the update and the move (docs/rules/sync.md).
import type { Actor } from "../../auth/actor";
import { AppError, notFound } from "../../errors";
import { CreateOpportunityRequest, type ExternalRef, type OpportunityResponse, type SyncOpportunityRequest } from "../../schemas/opportunities";
import { database } from "../db";
import { createOpportunity } from "./create-opportunity";
import { externalConflict, findByExternal, isUniqueViolation } from "./external-ref";
import { getOpportunity } from "./get-opportunity";
import { moveOpportunity } from "./move-opportunity";
import { updateOpportunity } from "./update-opportunity";

/** The deal mirroring this record, if the actor may see it; NOT_FOUND otherwise, as for GET /opportunities/{id}. */
export async function getOpportunityByExternal(actor: Actor, ref: ExternalRef): Promise<OpportunityResponse> {
  const found = await findByExternal(database().sql, ref);
  if (!found) throw notFound("Opportunity");
  return getOpportunity(actor, found.id);
}

/**
 * Without `version`, creates the deal for this record (409 CONFLICT if one exists); with it, updates
 * that deal (404 if none, 409 VERSION_CONFLICT if stale). A `stage` other than the deal's is a move,
 * checked like any move. Everything happens in one transaction: a refused move leaves nothing written,
 * not even the create.
 */
export async function syncOpportunity(
  actor: Actor,
  ref: ExternalRef,
  input: SyncOpportunityRequest,
  now = new Date(),
): Promise<{ created: boolean; deal: OpportunityResponse }> {
  const { version, stage, reason, lost, won, ...fields } = input;
  const note = { sync: { source: ref.source, externalId: ref.externalId } };
  if (version === undefined) {
    const parsed = CreateOpportunityRequest.safeParse(fields);
    if (!parsed.success)
      throw new AppError("VALIDATION_FAILED", "A create needs the fields of POST /opportunities (send `version` to update).", {
        fields: parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join(".") || "(body)", message: issue.message })),
      });
    try {
      const deal = await database().transaction(async (tx) => {
        const created = await createOpportunity(actor, { ...parsed.data, externalSource: ref.source, externalId: ref.externalId }, now, tx, note);
        if (stage === undefined || stage === created.stage) return created;
        // The deal starts in the first stage and moves on at once, through every stage's exit criteria.
        return moveOpportunity(actor, created.id, { toStage: stage, version: created.version, reason, lost, won }, now, tx, note).catch(
          renameToStage,
        );
      });
      return { created: true, deal };
    } catch (error) {
      // A concurrent create of the same record won the unique index: answered after the rollback.
      if (isUniqueViolation(error)) throw await externalConflict(actor, ref);
      throw error;
    }
  }

  const deal = await database().transaction(async (tx) => {
    const current = await findByExternal(tx, ref);
    if (!current) throw notFound("Opportunity");
    const hasFields = Object.keys(fields).length > 0;
    const moving = stage !== undefined && stage !== current.stageKey;
    const update = (v: number) => updateOpportunity(actor, current.id, { ...fields, version: v, reason }, now, tx, note);
    const move = (v: number) =>
      moveOpportunity(actor, current.id, { toStage: stage ?? "", version: v, reason, lost, won }, now, tx, note).catch(renameToStage);
    // A closed deal changes only by re-opening: the move first, then the fields.
    if (current.status !== "open" && moving) {
      const moved = await move(version);
      return hasFields ? update(moved.version) : moved;
    }
    // An open deal gets its fields first, so the move is checked against what the CRM just sent.
    const updated = await update(version);
    return moving ? move(updated.version) : updated;
  });
  return { created: false, deal };
}

/** The move's `toStage` is the sync body's `stage`: its errors name the field the caller sent. */
function renameToStage(error: unknown): never {
  if (!(error instanceof AppError) || error.code !== "VALIDATION_FAILED") throw error;
  const fields = (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
  if (fields?.some((f) => f.field === "toStage"))
    throw new AppError(error.code, error.message, { fields: fields.map((f) => (f.field === "toStage" ? { ...f, field: "stage" } : f)) });
  throw error;
}
