import type { Actor } from "../../auth/actor";
import { assertCan, canAssignOwner } from "../../auth/authorize";
import { fromCalendarDate } from "../../domain/dates";
import { toCents } from "../../domain/money";
import { processQuestions } from "../../domain/process/process-version";
import { planAnswers } from "../../domain/process/qualification-answers";
import { AppError } from "../../errors";
import type { CreateOpportunityRequest, ExternalRef, OpportunityResponse } from "../../schemas/opportunities";
import { inTransaction, type Sql, type Tx } from "../db";
import { recordHistory, type HistoryInput } from "../history/record-history";
import { newId } from "../ids";
import { enqueueMessage } from "../outbox/enqueue-message";
import { createdEvent, webhookMessages } from "../webhooks/events";
import { getProcessVersionForType } from "../process/get-process-version";
import { assertPair, externalConflict, findByExternal, isUniqueViolation } from "./external-ref";
import { reloadOpportunity } from "./get-opportunity";

/** Extra details for a change's history entries. */
export type HistoryDetails = NonNullable<HistoryInput["details"]>;

/** The owner a deal may be given by this actor, or a clear refusal. */
export async function assertAssignableOwner(q: Sql, actor: Actor, ownerId: string) {
  const owner = await q.selectFrom("User").select(["id", "teamId", "role", "active"]).where("id", "=", ownerId).executeTakeFirst();
  if (!owner?.active)
    throw new AppError("VALIDATION_FAILED", "The owner does not exist.", { fields: [{ field: "ownerId", message: "no such user" }] });
  if (!canAssignOwner(actor, owner)) throw new AppError("FORBIDDEN", "You may not give a deal to this owner.");
  return owner;
}

/**
 * A new deal, in the first stage of the default process. `note` is added to the details of its
 * `created` history entry (a sync names its CRM there).
 */
export async function createOpportunity(
  actor: Actor,
  input: CreateOpportunityRequest,
  now = new Date(),
  tx?: Tx,
  note: HistoryDetails = {},
): Promise<OpportunityResponse> {
  assertCan(actor, "opportunity.create");
  assertPair(input.externalSource, input.externalId);
  const ref = input.externalSource && input.externalId ? { source: input.externalSource, externalId: input.externalId } : null;
  try {
    return await insertOpportunity(actor, input, ref, now, tx, note);
  } catch (error) {
    // Two creates of the same CRM record at once: the unique index lets one through, the other is told.
    // In a caller's transaction (now aborted) the caller does this, after its rollback.
    if (ref && !tx && isUniqueViolation(error)) throw await externalConflict(actor, ref);
    throw error;
  }
}

async function insertOpportunity(
  actor: Actor,
  input: CreateOpportunityRequest,
  ref: ExternalRef | null,
  now: Date,
  tx: Tx | undefined,
  note: HistoryDetails,
): Promise<OpportunityResponse> {
  return inTransaction(tx, async (tx) => {
    if (ref && (await findByExternal(tx, ref))) throw await externalConflict(actor, ref, tx);
    const owner = await assertAssignableOwner(tx, actor, input.ownerId ?? actor.id);
    const process = await getProcessVersionForType(tx, input.type);
    const first = process.stages[0]!;
    // Answers to questions of the version the deal will follow, whichever stage asks them.
    const answers = planAnswers(processQuestions(process), {}, input.qualificationAnswers ?? {}, "not a question of the process new deals follow");
    if (!answers.ok) throw new AppError("VALIDATION_FAILED", "Some answers are not valid.", { fields: answers.problems });
    const closeDate = fromCalendarDate(input.closeDate);
    const id = newId();
    await tx
      .insertInto("Opportunity")
      .values({
        id,
        name: input.name,
        accountName: input.accountName,
        amountCents: toCents(input.amount),
        currency: input.currency,
        closeDate,
        originalCloseDate: closeDate,
        type: input.type,
        years: input.years ?? null,
        users: input.users ?? null,
        ownerId: owner.id,
        processVersionId: process.id,
        stageKey: first.key,
        stageEnteredAt: now,
        nextStep: input.nextStep ?? "",
        nextStepDue: input.nextStepDue ? fromCalendarDate(input.nextStepDue) : null,
        discountPercent: input.discountPercent,
        paymentTermsDays: input.paymentTermsDays,
        termMonths: input.termMonths,
        nonStandardTerms: input.nonStandardTerms,
        buyingProcess: input.buyingProcess,
        decisionCriteria: input.decisionCriteria,
        externalSource: ref?.source ?? null,
        externalId: ref?.externalId ?? null,
        qualificationAnswers: JSON.stringify(answers.answers),
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await recordHistory(tx, {
      opportunityId: id,
      type: "created",
      actorId: actor.id,
      at: now,
      toStage: first.key,
      details: {
        name: input.name,
        accountName: input.accountName,
        amount: input.amount,
        closeDate: input.closeDate,
        ownerId: owner.id,
        ...(Object.keys(answers.answers).length ? { qualificationAnswers: answers.answers } : {}),
        ...(ref ? { externalSource: ref.source, externalId: ref.externalId } : {}),
        ...note,
      },
    });
    // opportunity.created, to every subscribed webhook endpoint (docs/webhooks.md).
    const created = createdEvent({
      id,
      name: input.name,
      accountName: input.accountName,
      amountCents: toCents(input.amount),
      currency: input.currency,
      closeDate,
      stageKey: first.key,
      status: "open",
      ownerId: owner.id,
      externalSource: null,
      externalId: null,
      version: 1,
    });
    for (const message of await webhookMessages(tx, [created])) await enqueueMessage(tx, { ...message, opportunityId: id }, now);
    return reloadOpportunity(tx, id, now);
  });
}
