// A deal's writes from the pages (the board and the deal page): the product's use cases, answered as
// the deal's card. A refused write also carries the deal's current card in its details, so the board
// rolls back to the truth (after a version conflict, the state someone else left) without another
// round trip.
import type { Actor } from "../../auth/actor";
import { toCalendarDate, type CalendarDate } from "../../domain/dates";
import { isPlanStepReady, suggestClosePlan } from "../../domain/opportunities/close-plan";
import type { FileKind } from "../../domain/process/types";
import { AppError } from "../../errors";
import type { ZodType } from "zod";
import { fieldProblems } from "../../http/error-response";
import {
  ReplaceClosePlanRequest,
  ReplaceContactsRequest,
  type AttestRequest,
  type MoveRequest,
  type UpdateOpportunityRequest,
} from "../../schemas/opportunities";
import { uploadFile } from "../files/upload-file";
import { attestCriterion } from "../opportunities/attest-criterion";
import { getClosePlan, replaceClosePlan } from "../opportunities/close-plan";
import { database } from "../db";
import { getOpportunity } from "../opportunities/get-opportunity";
import { moveOpportunity } from "../opportunities/move-opportunity";
import { replaceContacts } from "../opportunities/replace-contacts";
import { updateOpportunity } from "../opportunities/update-opportunity";
import { toBoardCard, type BoardCard } from "./board-card";

type Contact = ReplaceContactsRequest["contacts"][number];

/**
 * The board adds to a list (contacts, plan steps) that the use case replaces whole: the whole list
 * is checked as the API checks it, so the board cannot grow one past the API's limits.
 */
function checked<T>(schema: ZodType<T>, request: unknown): T {
  const parsed = schema.safeParse(request);
  if (!parsed.success)
    throw new AppError("VALIDATION_FAILED", "The deal already holds as many of these as it can.", { fields: fieldProblems(parsed.error) });
  return parsed.data;
}

/** Runs a write of the deal; a refusal carries the deal's current card, or null when it is out of sight. */
export async function withCurrentCard<T>(actor: Actor, id: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const card = await getOpportunity(actor, id).then(toBoardCard, () => null); // null: gone from view
    const details = typeof e.details === "object" && e.details !== null ? e.details : {};
    throw new AppError(e.code, e.message, { ...details, card });
  }
}

export const moveCard = (actor: Actor, id: string, input: MoveRequest): Promise<BoardCard> =>
  withCurrentCard(actor, id, async () => toBoardCard(await moveOpportunity(actor, id, input)));

export const attestOnBoard = (actor: Actor, id: string, { key, ...input }: AttestRequest & { key: string; stage?: string }) =>
  withCurrentCard(actor, id, async () => toBoardCard(await attestCriterion(actor, id, key, input)));

export const updateOnBoard = (actor: Actor, id: string, input: UpdateOpportunityRequest) =>
  withCurrentCard(actor, id, async () => toBoardCard(await updateOpportunity(actor, id, input)));

/** Adds one person to the buying group: the contact list is replaced as a whole, at the version read, in one transaction. */
export const addContactOnBoard = (actor: Actor, id: string, input: { version: number; contact: Contact }) =>
  withCurrentCard(actor, id, () =>
    database().transaction(async (tx) => {
      const deal = await getOpportunity(actor, id, tx);
      const contacts = deal.contacts.map(({ name, email, title, role }) => ({ name, email, title, role }));
      const request = checked(ReplaceContactsRequest, { version: input.version, contacts: [...contacts, input.contact] });
      return toBoardCard(await replaceContacts(actor, id, request, new Date(), tx));
    }),
  );

export const uploadOnBoard = (actor: Actor, id: string, input: { kind: FileKind; name: string; bytes: Uint8Array }) =>
  withCurrentCard(actor, id, async () => {
    const file = await uploadFile(actor, id, input);
    return { storedName: file.storedName, card: toBoardCard(await getOpportunity(actor, id)) };
  });

/** Steps to add to a close plan: the typical steps of a close, or the rep's own. */
export type NewPlanSteps = "typical" | { title: string; dueDate: CalendarDate }[];

/**
 * Adds steps to the close plan, each owned by the deal's owner, at the version read. The typical
 * steps (counted back from the decision date) skip any title the plan already has. Answers with the
 * card and how many steps now have an owner and a due date, which is what a `plan` criterion counts.
 */
export const addPlanStepsOnBoard = (actor: Actor, id: string, input: { version: number; steps: NewPlanSteps }, now = new Date()) =>
  withCurrentCard(actor, id, () =>
    database().transaction(async (tx) => {
      // One transaction: the plan read, the steps added and the card answered are one state of the deal.
      const deal = await getOpportunity(actor, id, tx);
      const plan = await getClosePlan(actor, id, now, tx);
      const existing = new Set(plan.steps.map((s) => s.title.trim().toLowerCase()));
      const added = (input.steps === "typical" ? suggestClosePlan(plan.closeDate, toCalendarDate(now)) : input.steps).filter(
        (s) => input.steps !== "typical" || !existing.has(s.title.toLowerCase()),
      );
      const ready = (list: typeof plan.steps) => list.filter(isPlanStepReady).length;
      if (!added.length) return { card: toBoardCard(deal), added: 0, ready: ready(plan.steps) };
      const steps = [
        ...plan.steps.map(({ title, ownerUserId, ownerName, dueDate, done }) => ({ title, ownerUserId, ownerName, dueDate, done })),
        ...added.map(({ title, dueDate }) => ({ title, dueDate, ownerUserId: deal.ownerId, ownerName: "", done: false })),
      ];
      const saved = await replaceClosePlan(actor, id, checked(ReplaceClosePlanRequest, { version: input.version, steps }), now, tx);
      return { card: toBoardCard(await getOpportunity(actor, id, tx)), added: added.length, ready: ready(saved.steps) };
    }),
  );
