import type { Actor } from "../../auth/actor";
import { assertCanChangeOpportunity } from "../../auth/authorize";
import type { ProcessVersion } from "../../domain/process/process-version";
import { AppError } from "../../errors";
import type { AttestRequest, OpportunityResponse } from "../../schemas/opportunities";
import { db } from "../db";
import { recordHistory } from "../history/record-history";
import { getProcessVersion } from "../process/get-process-version";
import { assertOpen } from "./assert-open";
import { getVisibleOpportunity, reloadOpportunity } from "./get-opportunity";
import { assertVersion, updateVersioned } from "./write-versioned";

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

export async function attestCriterion(
  actor: Actor,
  id: string,
  key: string,
  input: AttestRequest & { stage?: string },
  now = new Date(),
): Promise<OpportunityResponse> {
  return db().$transaction(async (tx) => {
    const row = await getVisibleOpportunity(tx, actor, id);
    assertCanChangeOpportunity(actor, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId });
    await assertVersion(tx, row, input.version);
    assertOpen(row);
    const process = await getProcessVersion(tx, row.processVersionId);
    const current = process.stages.find((s) => s.key === row.stageKey)!;
    const found = findCheckCriterion(process, current.order, key, input.stage);
    if (!found) throw new AppError("NOT_FOUND", `This deal's process has no exit criterion "${key}".`);
    if (found.criterion.type !== "check")
      throw new AppError("VALIDATION_FAILED", `"${found.criterion.label}" is checked by the app from the deal's ${found.criterion.type}; it cannot be attested.`, {
        fields: [{ field: "key", message: `a ${found.criterion.type} criterion is not attested` }],
      });

    const where = { opportunityId_stageKey_criterionKey: { opportunityId: id, stageKey: found.stage.key, criterionKey: key } };
    const existing = await tx.criterionAttestation.findUnique({ where });
    if (input.satisfied === !!existing) return reloadOpportunity(tx, id, now); // already so: no new version

    // The versioned UPDATE first: it locks the deal, so a concurrent writer gets VERSION_CONFLICT
    // rather than tripping over the attestation row this one is about to write.
    await updateVersioned(tx, id, input.version, {});
    if (input.satisfied) {
      await tx.criterionAttestation.create({
        data: { opportunityId: id, stageKey: found.stage.key, criterionKey: key, attestedById: actor.id, attestedAt: now, note: input.note ?? "", evidenceUrl: input.evidenceUrl ?? "" },
      });
    } else {
      await tx.criterionAttestation.delete({ where });
    }
    await recordHistory(tx, {
      opportunityId: id,
      type: input.satisfied ? "criterion_attested" : "criterion_cleared",
      actorId: actor.id,
      at: now,
      details: { stage: found.stage.key, key, label: found.criterion.label, note: input.note ?? "", evidenceUrl: input.evidenceUrl ?? "" },
    });
    return reloadOpportunity(tx, id, now);
  });
}
