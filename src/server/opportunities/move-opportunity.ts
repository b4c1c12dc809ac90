import type { Actor } from "../../auth/actor";
import { can } from "../../auth/authorize";
import { planMove } from "../../domain/moves/plan-move";
import { AppError } from "../../errors";
import { activeCategoryKeys } from "../../domain/closing/loss-categories";
import { createChecklist } from "../closing/checklist";
import { getLossCategories } from "../closing/closing-settings";
import { endPlaysOnReopen } from "../closing/end-plays";
import type { MoveRequest, OpportunityResponse } from "../../schemas/opportunities";
import type { Tx } from "../db";
import { changeOpportunity, type ChangeEntry } from "./change-opportunity";
import type { HistoryDetails } from "./create-opportunity";
import { dealFacts } from "./deal-facts";
import { toOpportunityResponse } from "./opportunity-response";
import type { OpportunityChanges } from "./write-versioned";

/** Moves a deal to another stage, closes or re-opens it: the API's hottest write (docs/performance.md). */
export async function moveOpportunity(
  actor: Actor,
  id: string,
  input: MoveRequest,
  now = new Date(),
  tx?: Tx,
  note?: HistoryDetails,
): Promise<OpportunityResponse> {
  return changeOpportunity(
    actor,
    { id, version: input.version },
    async ({ tx, row, rules, process }) => {
      // Only a loss reads the admin's list of categories: every other move stays one read lighter.
      const toLost = process.stages.find((s) => s.key === input.toStage)?.kind === "lost";
      const lossCategories = toLost ? activeCategoryKeys(await getLossCategories(tx)) : undefined;
      const plan = planMove(
        process,
        { stageKey: row.stageKey, status: row.status },
        dealFacts(row, rules),
        {
          toStage: input.toStage,
          reason: input.reason,
          lost: input.lost && {
            reasonCategory: input.lost.reasonCategory ?? "",
            explanation: input.lost.explanation ?? "",
            competitor: input.lost.competitor ?? "",
            missingFunctionality: input.lost.missingFunctionality ?? "",
          },
          won: input.won && { whyWon: input.won.whyWon ?? "" },
          override: input.override && { justification: input.override.justification ?? "" },
        },
        { canOverride: can(actor, "opportunity.override", { ownerId: row.ownerId, ownerTeamId: row.owner.teamId }), lossCategories },
      );
      if (!plan.ok) {
        if (plan.code === "EXIT_CRITERIA_UNMET")
          throw new AppError(plan.code, plan.message, { unmet: plan.unmet.map(({ stage, key, label, type }) => ({ stage, key, label, type })) });
        if (plan.code === "VALIDATION_FAILED") throw new AppError(plan.code, plan.message, { fields: plan.fields });
        throw new AppError(plan.code, plan.message);
      }

      const columns: OpportunityChanges = { stageKey: plan.to.key, stageEnteredAt: now };
      if (plan.kind === "won") Object.assign(columns, { status: "won", closedAt: now, whyWon: input.won?.whyWon ?? "" });
      if (plan.kind === "lost")
        Object.assign(columns, {
          status: "lost",
          closedAt: now,
          lostReasonCategory: input.lost?.reasonCategory,
          lostExplanation: input.lost?.explanation,
          lostCompetitor: input.lost?.competitor,
          lostMissingFunctionality: input.lost?.missingFunctionality,
        });
      if (plan.kind === "reopen") Object.assign(columns, { status: "open", closedAt: null, overriddenAt: null });
      if (plan.overridden.length) columns.overriddenAt = now;

      const override: ChangeEntry = {
        type: "override",
        fromStage: plan.from.key,
        toStage: plan.to.key,
        details: { justification: input.override?.justification ?? "", unmet: plan.overridden },
      };
      const moved: ChangeEntry = {
        type: plan.kind === "reopen" ? "reopened" : "stage_changed",
        fromStage: plan.from.key,
        toStage: plan.to.key,
        secondsInStage: Math.max(0, Math.round((now.getTime() - row.stageEnteredAt.getTime()) / 1000)),
        details: {
          kind: plan.kind,
          ...(input.reason ? { reason: input.reason } : {}),
          ...(plan.kind === "won" ? { whyWon: input.won?.whyWon ?? "" } : {}),
          ...(plan.kind === "lost" ? { lost: input.lost ?? {} } : {}),
          ...(plan.overridden.length ? { overridden: true } : {}),
        },
      };
      // A re-open ends the deal's active re-engagement plays, whatever it was started from (docs/rules/closing.md).
      const plays = plan.kind === "reopen" ? await endPlaysOnReopen(tx, row.id, now) : null;
      return {
        columns,
        // The Closed Won checklist is born with the win, in the same transaction (docs/rules/closing.md).
        write: plan.kind === "won" ? (tx) => createChecklist(tx, { id: row.id, type: row.type }, actor.id, now) : plays?.write,
        history: [...(plan.overridden.length ? [override] : []), moved, ...(plays?.history ?? [])] as [ChangeEntry, ...ChangeEntry[]],
      };
    },
    {
      tx,
      now,
      note,
      // planMove decides what a closed deal may do (re-open only).
      allowClosed: true,
      // A move changes only the row's own columns: answer from what was read and written, no re-read.
      respond: async ({ row, process, rules }, _changed, columns) =>
        toOpportunityResponse({ ...row, ...(columns as Partial<typeof row>), updatedAt: now, version: row.version + 1 }, process, rules, now),
    },
  );
}
