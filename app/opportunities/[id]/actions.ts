"use server";

// The page's writes: each is runAction over the use case the REST API calls, so every rule,
// permission and version check is the same one. Success refreshes the page's data at once.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/src/http/action-result";
import { Id } from "@/src/schemas/common";
import {
  AttestRequest,
  DisqualifyRequest,
  MoveRequest,
  ReplaceClosePlanRequest,
  ReplaceContactsRequest,
  UpdateOpportunityRequest,
} from "@/src/schemas/opportunities";
import { attestCriterion } from "@/src/server/opportunities/attest-criterion";
import { replaceClosePlan } from "@/src/server/opportunities/close-plan";
import { disqualifyOpportunity } from "@/src/server/opportunities/disqualify-opportunity";
import { moveOpportunity } from "@/src/server/opportunities/move-opportunity";
import { replaceContacts } from "@/src/server/opportunities/replace-contacts";
import { updateOpportunity } from "@/src/server/opportunities/update-opportunity";

/** What every write answers: the deal's new version, for the next write to name. */
type Written = { version: number };

function refreshed(result: ActionResult<Written>, id: unknown): ActionResult<Written> {
  if (result.ok && typeof id === "string") revalidatePath(`/opportunities/${id}`);
  return result;
}

const idOf = (input: unknown) => (input as { id?: unknown } | null)?.id;

export async function updateDealAction(input: unknown): Promise<ActionResult<Written>> {
  const result = await runAction(UpdateOpportunityRequest.extend({ id: Id }), input, async (actor, { id, ...body }) => {
    const deal = await updateOpportunity(actor, id, body);
    return { version: deal.version };
  });
  return refreshed(result, idOf(input));
}

const AttestInput = AttestRequest.extend({ id: Id, key: z.string().min(1).max(64), stage: z.string().min(1).max(64).optional() });

export async function attestCriterionAction(input: unknown): Promise<ActionResult<Written>> {
  const result = await runAction(AttestInput, input, async (actor, { id, key, ...body }) => {
    const deal = await attestCriterion(actor, id, key, body);
    return { version: deal.version };
  });
  return refreshed(result, idOf(input));
}

export async function moveDealAction(input: unknown): Promise<ActionResult<Written & { stageName: string }>> {
  const result = await runAction(MoveRequest.extend({ id: Id }), input, async (actor, { id, ...body }) => {
    const deal = await moveOpportunity(actor, id, body);
    return { version: deal.version, stageName: deal.stageName };
  });
  if (result.ok) revalidatePath(`/opportunities/${String(idOf(input))}`);
  return result;
}

export async function disqualifyDealAction(input: unknown): Promise<ActionResult<Written>> {
  const result = await runAction(DisqualifyRequest.extend({ id: Id }), input, async (actor, { id, ...body }) => {
    const deal = await disqualifyOpportunity(actor, id, body);
    return { version: deal.version };
  });
  return refreshed(result, idOf(input));
}

export async function replaceContactsAction(input: unknown): Promise<ActionResult<Written>> {
  const result = await runAction(ReplaceContactsRequest.extend({ id: Id }), input, async (actor, { id, ...body }) => {
    const deal = await replaceContacts(actor, id, body);
    return { version: deal.version };
  });
  return refreshed(result, idOf(input));
}

export async function replaceClosePlanAction(input: unknown): Promise<ActionResult<Written>> {
  const result = await runAction(ReplaceClosePlanRequest.extend({ id: Id }), input, async (actor, { id, ...body }) => {
    const plan = await replaceClosePlan(actor, id, body);
    return { version: plan.opportunityVersion };
  });
  return refreshed(result, idOf(input));
}
