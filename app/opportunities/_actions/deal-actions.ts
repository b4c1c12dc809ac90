"use server";

// The writes the pages make to a deal: the board and the deal page call these same actions. Each
// runs the use case the REST API runs (same rules, permissions and version checks) and answers with
// the deal's card; a refusal carries the current card too (src/server/board/board-writes.ts).
import { z } from "zod";
import type { ActionResult } from "@/src/http/action-result";
import { formField } from "@/src/http/form-field";
import { type ApprovalRequestResponse, SubmitApprovalRequest } from "@/src/schemas/approval-requests";
import { FileKindField } from "@/src/schemas/files";
import {
  AttestRequest,
  CalendarDate,
  ContactInput,
  DisqualifyRequest,
  MoveRequest,
  PlanStepInput,
  ReplaceClosePlanRequest,
  ReplaceContactsRequest,
  UpdateOpportunityRequest,
} from "@/src/schemas/opportunities";
import { toBoardCard, type BoardCard } from "@/src/server/board/board-card";
import {
  addContactOnBoard,
  addPlanStepsOnBoard,
  attestOnBoard,
  moveCard,
  updateOnBoard,
  uploadOnBoard,
  withCurrentCard,
} from "@/src/server/board/board-writes";
import { submitApprovalRequest } from "@/src/server/deal-desk/approval-requests";
import { disqualifyOpportunity } from "@/src/server/opportunities/disqualify-opportunity";
import { getOpportunity } from "@/src/server/opportunities/get-opportunity";
import { replaceClosePlan } from "@/src/server/opportunities/close-plan";
import { replaceContacts } from "@/src/server/opportunities/replace-contacts";
import { revalidateApprovalPages } from "./approval-pages";
import { dealAction } from "./deal-action";

/** Every write answers with the deal's card: the board places it, the deal page writes on from its version. */
export type DealWrite<T = object> = ActionResult<{ card: BoardCard } & T>;

const Id = z.string().min(1).max(64);
const Version = z.number().int().positive();
const Key = z.string().min(1).max(64);

const AttestInput = AttestRequest.extend({ id: Id, key: Key, stage: Key.optional() });
const AddContactInput = z.object({ id: Id, version: Version, contact: ContactInput }).strict();
const NewPlanSteps = z
  .array(PlanStepInput.pick({ title: true }).extend({ dueDate: CalendarDate }))
  .min(1)
  .max(20);
const AddPlanStepsInput = z.object({ id: Id, version: Version, steps: z.union([z.literal("typical"), NewPlanSteps]) }).strict();
// The writer sends the version it holds; a submission does not check it: the request snapshots the
// terms as they are when it is made, and that snapshot is what the deal desk decides on.
const SubmitApprovalInput = SubmitApprovalRequest.safeExtend({ id: Id, version: Version.optional() });
const UploadInput = z.object({ id: Id, kind: FileKindField, file: z.instanceof(File, { message: "choose a file" }) });

export async function moveDeal(input: unknown): Promise<DealWrite> {
  return dealAction(MoveRequest.extend({ id: Id }), input, async (actor, { id, ...move }) => ({ card: await moveCard(actor, id, move) }));
}

export async function disqualifyDeal(input: unknown): Promise<DealWrite> {
  return dealAction(DisqualifyRequest.extend({ id: Id }), input, (actor, { id, ...body }) =>
    withCurrentCard(actor, id, async () => ({ card: toBoardCard(await disqualifyOpportunity(actor, id, body)) })),
  );
}

export async function updateDeal(input: unknown): Promise<DealWrite> {
  return dealAction(UpdateOpportunityRequest.extend({ id: Id }), input, async (actor, { id, ...fields }) => ({
    card: await updateOnBoard(actor, id, fields),
  }));
}

export async function attestDealCriterion(input: unknown): Promise<DealWrite> {
  return dealAction(AttestInput, input, async (actor, { id, ...body }) => ({ card: await attestOnBoard(actor, id, body) }));
}

/** Adds one person to the buying group, whatever the page knows of the others. */
export async function addDealContact(input: unknown): Promise<DealWrite> {
  return dealAction(AddContactInput, input, async (actor, { id, ...body }) => ({ card: await addContactOnBoard(actor, id, body) }));
}

export async function replaceDealContacts(input: unknown): Promise<DealWrite> {
  return dealAction(ReplaceContactsRequest.extend({ id: Id }), input, (actor, { id, ...body }) =>
    withCurrentCard(actor, id, async () => ({ card: toBoardCard(await replaceContacts(actor, id, body)) })),
  );
}

export async function replaceDealClosePlan(input: unknown): Promise<DealWrite> {
  return dealAction(ReplaceClosePlanRequest.extend({ id: Id }), input, (actor, { id, ...body }) =>
    withCurrentCard(actor, id, async () => {
      await replaceClosePlan(actor, id, body);
      return { card: toBoardCard(await getOpportunity(actor, id)) };
    }),
  );
}

/** Adds the typical steps of a close, or the rep's own, to the close plan (see addPlanStepsOnBoard). */
export async function addDealPlanSteps(input: unknown): Promise<DealWrite<{ added: number; ready: number }>> {
  return dealAction(AddPlanStepsInput, input, (actor, { id, ...body }) => addPlanStepsOnBoard(actor, id, body));
}

/**
 * Submits the deal's terms to the deal desk with a justification, from the deal page's approval card
 * and from the approval criterion's fixer (the board's refused move, the deal page's move dialogs).
 * Answers with the card and the new request: pending on its groups, or approved at once when the
 * approvals carried over from the previous request cover every group.
 */
export async function submitDealForApproval(input: unknown): Promise<DealWrite<{ request: ApprovalRequestResponse }>> {
  return dealAction(SubmitApprovalInput, input, (actor, { id, justification }) =>
    withCurrentCard(actor, id, async () => {
      const request = await submitApprovalRequest(actor, id, { justification });
      revalidateApprovalPages(request);
      return { card: toBoardCard(await getOpportunity(actor, id)), request };
    }),
  );
}

/**
 * The one way the pages upload a file (multipart, so the bytes are not encoded twice). A file names
 * no version: it only adds to the deal, and the use case checks the deal as it stores it.
 */
export async function uploadDealFile(form: unknown): Promise<DealWrite<{ storedName: string }>> {
  const field = (name: string) => formField(form, name);
  const input = { id: field("id"), kind: field("kind"), file: field("file"), refresh: field("refresh") === "true" };
  return dealAction(UploadInput, input, async (actor, { id, kind, file }) =>
    uploadOnBoard(actor, id, { kind, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }),
  );
}
