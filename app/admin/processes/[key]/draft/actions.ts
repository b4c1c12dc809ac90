"use server";

// The draft editor's writes (docs/rules/sales-process.md#drafts), each through the API's schema and
// use case: admins only, the whole definition saved at the version read (a stale one is the API's
// 409 with the draft saved since), published only without problems, every change in the audit log.
import { z } from "zod";
import { type ActionResult, runAction } from "@/src/http/action-result";
import { DraftDefinition, type DraftResponse, ProcessKeyParams, PublishDraftRequest, ReplaceDraftRequest } from "@/src/schemas/process-drafts";
import { draftProblems } from "@/src/domain/process/draft";
import { assertCan } from "@/src/auth/authorize";
import { createDraft, discardDraft, publishDraft, replaceDraft } from "@/src/server/process/drafts";

const key = ProcessKeyParams.shape.key;

const StartInput = z.object({ key }).strict();

/** Starts the process's draft from its latest version (the editor's "no draft" state). */
export async function startDraftAction(input: unknown): Promise<ActionResult<DraftResponse>> {
  return runAction(StartInput, input, (actor, body) => createDraft(actor, body.key, {}));
}

const SaveInput = ReplaceDraftRequest.extend({ key }).strict();

/** Saves the whole definition over the draft at the version the editor read. */
export async function saveDraftAction(input: unknown): Promise<ActionResult<DraftResponse>> {
  return runAction(SaveInput, input, (actor, { key, ...body }) => replaceDraft(actor, key, body));
}

const CheckInput = z.object({ definition: DraftDefinition }).strict();

/** The problems of a definition as edited, before it is saved: the same rules the saved draft is held to. Writes nothing. */
export async function checkDraftAction(input: unknown): Promise<ActionResult<{ problems: { field: string; message: string }[] }>> {
  return runAction(CheckInput, input, async (actor, { definition }) => {
    assertCan(actor, "process.manage");
    return { problems: draftProblems(definition) };
  });
}

const PublishInput = PublishDraftRequest.extend({ key }).strict();

/** Publishes the draft at the version read as the process's next version. */
export async function publishDraftAction(input: unknown): Promise<ActionResult<{ key: string; version: number }>> {
  return runAction(PublishInput, input, async (actor, { key, ...body }) => {
    const published = await publishDraft(actor, key, body);
    return { key, version: published.version };
  });
}

const DiscardInput = z.object({ key }).strict();

export async function discardDraftAction(input: unknown): Promise<ActionResult<{ key: string }>> {
  return runAction(DiscardInput, input, async (actor, body) => {
    await discardDraft(actor, body.key);
    return { key: body.key };
  });
}
