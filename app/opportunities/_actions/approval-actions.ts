"use server";

// The deal desk's writes on one approval request, from the desk's request page and the deal page:
// a group's decision, and the submitter's withdrawal. Each runs the use case the REST API runs
// (src/server/deal-desk/approval-requests.ts: same rules, same authorization, same 409 with the
// request as it now is). After a write, and after a 409 too (someone decided first, the request is
// no longer pending), the affected pages are revalidated and the calling page re-renders, so the
// form's words about the current state sit beside a page that shows it.
import { refresh } from "next/cache";
import type { ZodType } from "zod";
import { z } from "zod";
import type { Actor } from "@/src/auth/actor";
import { runAction, type ActionError, type ActionResult } from "@/src/http/action-result";
import { type ApprovalRequestResponse, DecideApprovalRequest } from "@/src/schemas/approval-requests";
import { Id } from "@/src/schemas/common";
import { decideApprovalRequest, withdrawApprovalRequest } from "@/src/server/deal-desk/approval-requests";
import { revalidateApprovalPages } from "./approval-pages";

export type ApprovalWrite = ActionResult<{ request: ApprovalRequestResponse }>;

const DecideInput = DecideApprovalRequest.safeExtend({ id: Id });
const WithdrawInput = z.object({ id: Id }).strict();

/** The request a 409 carries (details.request): as it is now, after the write that came first. */
const currentOf = (error: ActionError) => (error.details as { request?: ApprovalRequestResponse } | undefined)?.request;

async function requestAction<I>(
  schema: ZodType<I>,
  input: unknown,
  write: (actor: Actor, input: I) => Promise<ApprovalRequestResponse>,
): Promise<ApprovalWrite> {
  const result = await runAction(schema, input, async (actor, body) => ({ request: await write(actor, body) }));
  const request = result.ok ? result.data.request : result.error.code === "CONFLICT" ? currentOf(result.error) : undefined;
  if (request) {
    revalidateApprovalPages(request);
    refresh();
  }
  return result;
}

/** One group's decision: approve, reject or request changes (a comment required for the last two). */
export async function decideApproval(input: unknown): Promise<ApprovalWrite> {
  return requestAction(DecideInput, input, (actor, { id, ...body }) => decideApprovalRequest(actor, id, body));
}

/** The submitter (or whoever may submit for the deal) withdraws a pending request. */
export async function withdrawApproval(input: unknown): Promise<ApprovalWrite> {
  return requestAction(WithdrawInput, input, (actor, { id }) => withdrawApprovalRequest(actor, id));
}
