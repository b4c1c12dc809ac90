import type { Actor } from "../../auth/actor";
import { assertCanChangeOpportunity, can } from "../../auth/authorize";
import { planMove } from "../../domain/moves/plan-move";
import { AppError } from "../../errors";
import type { MoveRequest, OpportunityResponse } from "../../schemas/opportunities";
import { database, type SqlClient } from "../db";
import { recordHistory, type HistoryInput } from "../history/record-history";
import { cachedProcessVersion, getProcessVersion } from "../process/get-process-version";
import { dealFacts } from "./deal-facts";
import { getVisibleOpportunityWithRules } from "./get-opportunity";
import { toOpportunityResponse } from "./opportunity-response";
import { assertVersion, updateVersioned, type OpportunityChanges } from "./write-versioned";

type Attempt = { moved: OpportunityResponse } | { needsProcessVersion: string };

/**
 * Moves a deal to another stage, closes or re-opens it. The API's hottest write: its statements run
 * on the driver in a transaction of the app's own, without Prisma's (docs/performance.md).
 */
export async function moveOpportunity(actor: Actor, id: string, input: MoveRequest, now = new Date()): Promise<OpportunityResponse> {
  const db = database();
  for (;;) {
    const attempt = await db.transaction((sql) => move(sql, actor, id, input, now));
    if ("moved" in attempt) return attempt.moved;
    // The move's transaction runs on the driver, where Prisma cannot be used (on PGlite it would wait
    // for that very transaction): a version not read yet is read through Prisma, then the move runs again.
    await getProcessVersion(db.prisma, attempt.needsProcessVersion);
  }
}

async function move(sql: SqlClient, actor: Actor, id: string, input: MoveRequest, now: Date): Promise<Attempt> {
  const { row, rules } = await getVisibleOpportunityWithRules(sql, actor, id);
  assertCanChangeOpportunity(actor, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId });
  // Rules are evaluated on what was read: a stale read must not decide a move.
  await assertVersion(sql, row, input.version);
  const process = cachedProcessVersion(row.processVersionId);
  if (!process) return { needsProcessVersion: row.processVersionId };
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
    { canOverride: can(actor, "opportunity.override") },
  );
  if (!plan.ok) {
    if (plan.code === "EXIT_CRITERIA_UNMET")
      throw new AppError(plan.code, plan.message, { unmet: plan.unmet.map(({ stage, key, label, type }) => ({ stage, key, label, type })) });
    if (plan.code === "VALIDATION_FAILED") throw new AppError(plan.code, plan.message, { fields: plan.fields });
    throw new AppError(plan.code, plan.message);
  }

  const data: OpportunityChanges = { stageKey: plan.to.key, stageEnteredAt: now, updatedAt: now };
  if (plan.kind === "won") Object.assign(data, { status: "won", closedAt: now, whyWon: input.won?.whyWon ?? "" });
  if (plan.kind === "lost")
    Object.assign(data, {
      status: "lost",
      closedAt: now,
      lostReasonCategory: input.lost?.reasonCategory,
      lostExplanation: input.lost?.explanation,
      lostCompetitor: input.lost?.competitor,
      lostMissingFunctionality: input.lost?.missingFunctionality,
    });
  if (plan.kind === "reopen") Object.assign(data, { status: "open", closedAt: null, overriddenAt: null });
  if (plan.overridden.length) data.overriddenAt = now;
  await updateVersioned(sql, id, input.version, data);

  const base = { opportunityId: id, actorId: actor.id, at: now };
  const history: HistoryInput[] = [];
  if (plan.overridden.length)
    history.push({
      ...base,
      type: "override",
      fromStage: plan.from.key,
      toStage: plan.to.key,
      details: { justification: input.override?.justification ?? "", unmet: plan.overridden },
    });
  history.push({
    ...base,
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
  });
  await recordHistory(sql, history);
  // A move changes only the row's own columns: answer from what was read and written, no re-read.
  const moved = { ...row, ...(data as Partial<typeof row>), version: row.version + 1 };
  return { moved: toOpportunityResponse(moved, process, rules, now) };
}
