"use server";

import { z } from "zod";
import { runAction } from "@/src/http/action-result";
import { FileKindField } from "@/src/schemas/files";
import { CalendarDate, ContactInput, MoveRequest, PlanStepInput, UpdateOpportunityRequest } from "@/src/schemas/opportunities";
import { BoardFilters } from "@/src/server/board/board-filters";
import { addContactOnBoard, addPlanStepsOnBoard, attestOnBoard, moveCard, updateOnBoard, uploadOnBoard } from "@/src/server/board/board-writes";
import { getColumnPage } from "@/src/server/board/get-board";

const Id = z.string().min(1).max(64);

export async function moveDeal(input: unknown) {
  return runAction(MoveRequest.extend({ id: Id }), input, (actor, { id, ...move }) => moveCard(actor, id, move));
}

const AttestInput = z.object({ id: Id, key: z.string().min(1).max(64), stage: z.string().min(1).max(64), satisfied: z.boolean(), version: z.number().int().positive() });

export async function attest(input: unknown) {
  return runAction(AttestInput, input, (actor, { id, ...rest }) => attestOnBoard(actor, id, rest));
}

/** The fields a `field` exit criterion can ask for that a rep fills in place (whyWon comes with Closed Won). */
const FixableFields = UpdateOpportunityRequest.pick({
  version: true,
  amount: true,
  nextStep: true,
  nextStepDue: true,
  buyingProcess: true,
  decisionCriteria: true,
  years: true,
  users: true,
}).extend({ id: Id });

export async function updateFields(input: unknown) {
  return runAction(FixableFields, input, (actor, { id, ...fields }) => updateOnBoard(actor, id, fields));
}

const AddContactInput = z.object({ id: Id, version: z.number().int().positive(), contact: ContactInput });

export async function addContact(input: unknown) {
  return runAction(AddContactInput, input, (actor, { id, ...rest }) => addContactOnBoard(actor, id, rest));
}

const UploadInput = z.object({ id: Id, kind: FileKindField, file: z.instanceof(File, { message: "choose a file" }) });

export async function uploadDealFile(form: FormData) {
  const input = { id: form.get("id"), kind: form.get("kind"), file: form.get("file") };
  return runAction(UploadInput, input, async (actor, { id, kind, file }) =>
    uploadOnBoard(actor, id, { kind, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }),
  );
}

const AddPlanStepsInput = z.object({
  id: Id,
  version: z.number().int().positive(),
  steps: z.union([z.literal("typical"), z.array(PlanStepInput.pick({ title: true }).extend({ dueDate: CalendarDate })).min(1).max(20)]),
});

export async function addPlanSteps(input: unknown) {
  return runAction(AddPlanStepsInput, input, (actor, { id, ...rest }) => addPlanStepsOnBoard(actor, id, rest));
}

const PageInput = z.object({ stage: z.string().min(1).max(64), cursor: z.string().min(1).max(200), filters: z.record(z.string(), z.string()) });

export async function loadMoreCards(input: unknown) {
  return runAction(PageInput, input, (actor, { stage, cursor, filters }) => getColumnPage(actor, BoardFilters.parse(filters), stage, cursor));
}
