import type { Actor } from "../../auth/actor";
import { fromCalendarDate, toCalendarDate } from "../../domain/dates";
import { arrangeClosePlan, suggestClosePlan } from "../../domain/opportunities/close-plan";
import { AppError } from "../../errors";
import type { ClosePlanResponse, ReplaceClosePlanRequest } from "../../schemas/opportunities";
import { database, type Sql, type Tx } from "../db";
import { newId } from "../ids";
import { changeOpportunity } from "./change-opportunity";
import { getVisibleOpportunity } from "./get-opportunity";
import type { OpportunityRow } from "./load-opportunity";
import { findPlanOwners } from "./plan-owners";

async function readClosePlan(q: Sql, id: string, now: Date): Promise<ClosePlanResponse> {
  const deal = await q.selectFrom("Opportunity").select(["version", "closeDate", "status"]).where("id", "=", id).executeTakeFirstOrThrow();
  const rows = await q.selectFrom("ClosePlanStep").selectAll().where("opportunityId", "=", id).orderBy("position").execute();
  const closeDate = toCalendarDate(deal.closeDate);
  const today = toCalendarDate(now);
  const steps = rows.map((s) => ({
    id: s.id,
    title: s.title,
    ownerUserId: s.ownerUserId,
    ownerName: s.ownerName,
    dueDate: s.dueDate ? toCalendarDate(s.dueDate) : null,
    done: s.doneAt !== null,
  }));
  return {
    opportunityVersion: deal.version,
    closeDate,
    steps: arrangeClosePlan(steps, closeDate, deal.status === "open" ? today : null),
    suggested: rows.length ? [] : suggestClosePlan(closeDate, today),
  };
}

export async function getClosePlan(actor: Actor, id: string, now = new Date(), q: Sql = database().sql): Promise<ClosePlanResponse> {
  await getVisibleOpportunity(q, actor, id);
  return readClosePlan(q, id, now);
}

/**
 * Every step's owner on our side may own it (findPlanOwners), or already owns a step of this plan:
 * a plan saved again after its deal changed hands, or after an owner left, keeps its steps. An
 * unknown id, an inactive user and someone out of reach get the same answer, so ids cannot be probed.
 */
async function assertPlanOwners(tx: Tx, row: OpportunityRow, steps: ReplaceClosePlanRequest["steps"]): Promise<void> {
  const current = new Set(row.planSteps.map((s) => s.ownerUserId));
  const named = [...new Set(steps.map((s) => s.ownerUserId).filter((id): id is string => !!id && !current.has(id)))];
  const allowed = await findPlanOwners(tx, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId }, named);
  if (allowed.length !== named.length)
    throw new AppError("VALIDATION_FAILED", "A step's owner must be the deal's owner, someone on their team, its manager or the deal desk.", {
      fields: [{ field: "steps.ownerUserId", message: "not someone who may own this deal's steps" }],
    });
}

/** Replaces the close plan: the steps worked back from the target decision date. */
export async function replaceClosePlan(
  actor: Actor,
  id: string,
  input: ReplaceClosePlanRequest,
  now = new Date(),
  tx?: Tx,
): Promise<ClosePlanResponse> {
  return changeOpportunity(
    actor,
    { id, version: input.version },
    async ({ tx, row }) => {
      await assertPlanOwners(tx, row, input.steps);
      return {
        write: async (tx) => {
          await tx.deleteFrom("ClosePlanStep").where("opportunityId", "=", id).execute();
          if (!input.steps.length) return;
          await tx
            .insertInto("ClosePlanStep")
            .values(
              input.steps.map((s, position) => ({
                id: newId(),
                opportunityId: id,
                title: s.title,
                ownerUserId: s.ownerUserId ?? null,
                ownerName: s.ownerName,
                dueDate: s.dueDate ? fromCalendarDate(s.dueDate) : null,
                doneAt: s.done ? now : null,
                position,
                // Set here, in UTC: the column's default is the server's local time.
                createdAt: now,
              })),
            )
            .execute();
        },
        history: [{ type: "plan_changed", details: { steps: input.steps.map((s) => ({ title: s.title, dueDate: s.dueDate, done: s.done })) } }],
      };
    },
    { tx, now, respond: ({ tx }) => readClosePlan(tx, id, now) },
  );
}
