"use server";

// The rules page's forms, through the API's own schemas and use cases: runAction authenticates,
// validates and maps errors as the API does, and a success re-renders the page in the same answer.
import { refresh } from "next/cache";
import type { ZodType } from "zod";
import type { Actor } from "@/src/auth/actor";
import { runAction, type ActionResult } from "@/src/http/action-result";
import { Id } from "@/src/schemas/common";
import { ApprovalDeputyRequest, CreateDealDeskRuleRequest, DealDeskSettingsRequest, UpdateDealDeskRuleRequest } from "@/src/schemas/deal-desk";
import { createDealDeskRule, updateDealDeskRule } from "@/src/server/deal-desk/manage-rules";
import { changeDealDeskSettings } from "@/src/server/deal-desk/manage-settings";
import { setApprovalDeputy } from "@/src/server/teams/approval-deputy";

async function pageAction<I, T>(schema: ZodType<I>, input: unknown, write: (actor: Actor, input: I) => Promise<T>): Promise<ActionResult<T>> {
  const result = await runAction(schema, input, write);
  if (result.ok) refresh();
  return result;
}

const UpdateRuleInput = UpdateDealDeskRuleRequest.extend({ id: Id });
const DeputyInput = ApprovalDeputyRequest.extend({ teamId: Id });

export async function createRuleAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return pageAction(CreateDealDeskRuleRequest, input, async (actor, body) => ({ id: (await createDealDeskRule(actor, body)).id }));
}

export async function updateRuleAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return pageAction(UpdateRuleInput, input, async (actor, { id, ...body }) => ({ version: (await updateDealDeskRule(actor, id, body)).version }));
}

export async function saveTurnaroundAction(input: unknown): Promise<ActionResult<{ turnaroundHours: number }>> {
  return pageAction(DealDeskSettingsRequest, input, changeDealDeskSettings);
}

export async function setDeputyAction(input: unknown): Promise<ActionResult<{ approvalDeputyId: string | null }>> {
  return pageAction(DeputyInput, input, async (actor, { teamId, userId }) => ({
    approvalDeputyId: (await setApprovalDeputy(actor, teamId, userId)).approvalDeputyId,
  }));
}
