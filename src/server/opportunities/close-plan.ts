import type { Actor } from "../../auth/actor";
import { assertCanChangeOpportunity } from "../../auth/authorize";
import { fromCalendarDate, toCalendarDate } from "../../domain/dates";
import { arrangeClosePlan, suggestClosePlan } from "../../domain/opportunities/close-plan";
import { AppError } from "../../errors";
import type { ClosePlanResponse, ReplaceClosePlanRequest } from "../../schemas/opportunities";
import { db, type Tx } from "../db";
import { recordHistory } from "../history/record-history";
import { assertOpen } from "./assert-open";
import { getVisibleOpportunity } from "./get-opportunity";
import { assertVersion, updateVersioned } from "./write-versioned";

async function readClosePlan(tx: Tx, id: string, now: Date): Promise<ClosePlanResponse> {
  const deal = await tx.opportunity.findUniqueOrThrow({ where: { id }, select: { version: true, closeDate: true, status: true } });
  const rows = await tx.closePlanStep.findMany({ where: { opportunityId: id }, orderBy: { position: "asc" } });
  const closeDate = toCalendarDate(deal.closeDate);
  const today = toCalendarDate(now);
  const steps = rows.map((s) => ({
    id: s.id,
    title: s.title,
    ownerUserId: s.ownerUserId,
    ownerName: s.ownerName,
    dueDate: s.dueDate ? toCalendarDate(s.dueDate) : null,
    done: s.doneAt !== null,
    hasOwner: !!s.ownerUserId || s.ownerName.trim() !== "",
  }));
  return {
    opportunityVersion: deal.version,
    closeDate,
    steps: arrangeClosePlan(steps, closeDate, deal.status === "open" ? today : null).map(({ hasOwner: _unused, ...s }) => s),
    suggested: rows.length ? [] : suggestClosePlan(closeDate, today),
  };
}

export async function getClosePlan(actor: Actor, id: string, now = new Date()): Promise<ClosePlanResponse> {
  await getVisibleOpportunity(db(), actor, id);
  return readClosePlan(db(), id, now);
}

/** Replaces the close plan: the steps worked back from the target decision date. */
export async function replaceClosePlan(actor: Actor, id: string, input: ReplaceClosePlanRequest, now = new Date()): Promise<ClosePlanResponse> {
  return db().$transaction(async (tx) => {
    const row = await getVisibleOpportunity(tx, actor, id);
    assertCanChangeOpportunity(actor, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId });
    await assertVersion(tx, row, input.version);
    assertOpen(row);
    const ownerIds = [...new Set(input.steps.map((s) => s.ownerUserId).filter((x): x is string => !!x))];
    const known = await tx.user.count({ where: { id: { in: ownerIds }, active: true } });
    if (known !== ownerIds.length)
      throw new AppError("VALIDATION_FAILED", "A step's owner is not a user.", { fields: [{ field: "steps.ownerUserId", message: "no such user" }] });
    await updateVersioned(tx, id, input.version, {}); // first: concurrent writers get VERSION_CONFLICT
    await tx.closePlanStep.deleteMany({ where: { opportunityId: id } });
    await tx.closePlanStep.createMany({
      data: input.steps.map((s, position) => ({
        opportunityId: id,
        title: s.title,
        ownerUserId: s.ownerUserId ?? null,
        ownerName: s.ownerName,
        dueDate: s.dueDate ? fromCalendarDate(s.dueDate) : null,
        doneAt: s.done ? now : null,
        position,
      })),
    });
    await recordHistory(tx, {
      opportunityId: id,
      type: "plan_changed",
      actorId: actor.id,
      at: now,
      details: { steps: input.steps.map((s) => ({ title: s.title, dueDate: s.dueDate, done: s.done })) },
    });
    return readClosePlan(tx, id, now);
  });
}
