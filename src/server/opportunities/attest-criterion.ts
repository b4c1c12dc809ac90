import type { Actor } from "../../auth/actor";
import type { ProcessVersion } from "../../domain/process/process-version";
import { AppError } from "../../errors";
import type { AttestRequest, OpportunityResponse } from "../../schemas/opportunities";
import type { Tx } from "../db";
import { newId } from "../ids";
import { changeOpportunity } from "./change-opportunity";

/**
 * The stage a criterion key belongs to. Keys are unique within a stage; the current stage wins,
 * then the stages ahead (a rep fixes a refused multi-stage move in place), then those behind.
 */
function findCheckCriterion(process: ProcessVersion, currentOrder: number, key: string, stageKey?: string) {
  const byDistance = [...process.stages].sort((a, b) => {
    const rank = (o: number) => (o >= currentOrder ? o - currentOrder : 1000 + currentOrder - o);
    return rank(a.order) - rank(b.order);
  });
  for (const stage of byDistance) {
    if (stageKey && stage.key !== stageKey) continue;
    const criterion = stage.exitCriteria.find((c) => c.key === key);
    if (criterion) return { stage, criterion };
  }
  return null;
}

/** Attests a `check` criterion (who, when, a note or evidence link), or clears it. */
export async function attestCriterion(
  actor: Actor,
  id: string,
  key: string,
  input: AttestRequest & { stage?: string },
  now = new Date(),
  tx?: Tx,
): Promise<OpportunityResponse> {
  return changeOpportunity(
    actor,
    { id, version: input.version },
    ({ row, process }) => {
      const current = process.stages.find((s) => s.key === row.stageKey)!;
      const found = findCheckCriterion(process, current.order, key, input.stage);
      if (!found) throw new AppError("NOT_FOUND", `This deal's process has no exit criterion "${key}".`);
      if (found.criterion.type !== "check")
        throw new AppError(
          "VALIDATION_FAILED",
          `"${found.criterion.label}" is checked by the app from the deal's ${found.criterion.type}; it cannot be attested.`,
          {
            fields: [{ field: "key", message: `a ${found.criterion.type} criterion is not attested` }],
          },
        );
      const stageKey = found.stage.key;
      const attested = row.attestations.some((a) => a.stageKey === stageKey && a.criterionKey === key);
      if (input.satisfied === attested) return null; // already so: no new version
      return {
        write: async (tx) => {
          if (input.satisfied) {
            await tx
              .insertInto("CriterionAttestation")
              .values({
                id: newId(),
                opportunityId: id,
                stageKey,
                criterionKey: key,
                attestedById: actor.id,
                attestedAt: now,
                note: input.note ?? "",
                evidenceUrl: input.evidenceUrl ?? "",
              })
              .execute();
          } else {
            await tx
              .deleteFrom("CriterionAttestation")
              .where("opportunityId", "=", id)
              .where("stageKey", "=", stageKey)
              .where("criterionKey", "=", key)
              .execute();
          }
        },
        history: [
          {
            type: input.satisfied ? "criterion_attested" : "criterion_cleared",
            details: { stage: stageKey, key, label: found.criterion.label, note: input.note ?? "", evidenceUrl: input.evidenceUrl ?? "" },
          },
        ],
      };
    },
    { tx, now },
  );
}
