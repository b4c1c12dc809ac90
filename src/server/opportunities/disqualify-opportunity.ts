import type { Actor } from "../../auth/actor";
import { canDisqualify } from "../../domain/moves/closed-lost";
import { AppError } from "../../errors";
import type { OpportunityResponse } from "../../schemas/opportunities";
import type { Tx } from "../db";
import { changeOpportunity } from "./change-opportunity";

/** A first-stage deal that goes nowhere is archived with a reason: not a loss, not in win rates. */
export async function disqualifyOpportunity(
  actor: Actor,
  id: string,
  input: { reason: string; version: number },
  now = new Date(),
  tx?: Tx,
): Promise<OpportunityResponse> {
  return changeOpportunity(
    actor,
    { id, version: input.version },
    ({ row, process }) => {
      if (!process.stages.some((s) => s.key === row.stageKey && canDisqualify(s)))
        throw new AppError("TRANSITION_NOT_ALLOWED", `Only a deal in ${process.stages[0]?.name} is disqualified; a later deal is closed lost.`);
      return {
        columns: { status: "disqualified", disqualifiedReason: input.reason, closedAt: now },
        history: [{ type: "disqualified", fromStage: row.stageKey, details: { reason: input.reason } }],
      };
    },
    { tx, now },
  );
}
