"use server";

// The processes pages' writes (docs/rules/sales-process.md), each through the API's schema and use
// case: admins only, every problem by field, every change in the audit log. Starting a draft ends
// in the draft editor; a draft there is already is a 409 with that draft, which the form links to.
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, runAction } from "@/src/http/action-result";
import { CreateDraftRequest, type DealMovesReport, MoveDealsRequest, ProcessKeyParams } from "@/src/schemas/process-drafts";
import { UpdateProcessRequest } from "@/src/schemas/processes";
import { createDraft, discardDraft } from "@/src/server/process/drafts";
import { updateProcess } from "@/src/server/process/manage-processes";
import { moveDeals } from "@/src/server/process/move-deals";

/** Where a process's draft is edited. */
const editorHref = (key: string) => `/admin/processes/${key}/draft`;

const StartDraftInput = ProcessKeyParams.extend(CreateDraftRequest.unwrap().shape).strict();

/**
 * Starts the process's draft, from its latest version (no template) or from a shipped template
 * (under a new key or an existing process's), then opens the editor.
 */
export async function startDraftAction(input: unknown): Promise<ActionResult<{ key: string }>> {
  const result = await runAction(StartDraftInput, input, async (actor, { key, template }) => ({
    key: (await createDraft(actor, key, template === undefined ? {} : { template })).processKey,
  }));
  // redirect() throws to navigate, so it is called outside runAction, which would report it as an error.
  if (result.ok) redirect(editorHref(result.data.key));
  return result;
}

export async function discardDraftAction(input: unknown): Promise<ActionResult<{ key: string }>> {
  const result = await runAction(ProcessKeyParams.strict(), input, async (actor, { key }) => {
    await discardDraft(actor, key);
    return { key };
  });
  if (result.ok) refresh();
  return result;
}

const UpdateProcessInput = z.object({ key: ProcessKeyParams.shape.key, changes: UpdateProcessRequest }).strict();

/** Makes the process the default, or ties it to an opportunity type (or unties it). */
export async function updateProcessAction(input: unknown): Promise<ActionResult<{ key: string }>> {
  const result = await runAction(UpdateProcessInput, input, async (actor, { key, changes }) => ({
    key: (await updateProcess(actor, key, changes)).key,
  }));
  if (result.ok) refresh();
  return result;
}

const MoveDealsInput = z.object({ key: ProcessKeyParams.shape.key, request: MoveDealsRequest }).strict();

/** Moves the open deals of the process's older versions (or of one) onto its latest; answers the report. */
export async function moveDealsAction(input: unknown): Promise<ActionResult<DealMovesReport>> {
  const result = await runAction(MoveDealsInput, input, (actor, { key, request }) => moveDeals(actor, key, request));
  if (result.ok) refresh();
  return result;
}
