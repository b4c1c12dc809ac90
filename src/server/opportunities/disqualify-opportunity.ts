import type { Actor } from "../../auth/actor";
import { assertCanChangeOpportunity } from "../../auth/authorize";
import { AppError } from "../../errors";
import type { OpportunityResponse } from "../../schemas/opportunities";
import { db } from "../db";
import { recordHistory } from "../history/record-history";
import { getProcessVersion } from "../process/get-process-version";
import { assertOpen } from "./assert-open";
import { getVisibleOpportunity, reloadOpportunity } from "./get-opportunity";
import { assertVersion, updateVersioned } from "./write-versioned";

/** A first-stage deal that goes nowhere is archived with a reason: not a loss, not in win rates. */
export async function disqualifyOpportunity(actor: Actor, id: string, input: { reason: string; version: number }, now = new Date()): Promise<OpportunityResponse> {
  return db().$transaction(async (tx) => {
    const row = await getVisibleOpportunity(tx, actor, id);
    assertCanChangeOpportunity(actor, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId });
    await assertVersion(tx, row, input.version);
    assertOpen(row);
    const process = await getProcessVersion(tx, row.processVersionId);
    if (process.stages[0]?.key !== row.stageKey)
      throw new AppError("TRANSITION_NOT_ALLOWED", `Only a deal in ${process.stages[0]?.name} is disqualified; a later deal is closed lost.`);
    await updateVersioned(tx, id, input.version, { status: "disqualified", disqualifiedReason: input.reason, closedAt: now });
    await recordHistory(tx, { opportunityId: id, type: "disqualified", actorId: actor.id, at: now, fromStage: row.stageKey, details: { reason: input.reason } });
    return reloadOpportunity(tx, id, now);
  });
}
