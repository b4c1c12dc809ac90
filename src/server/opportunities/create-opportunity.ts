import type { Actor } from "../../auth/actor";
import { assertCan, canAssignOwner } from "../../auth/authorize";
import { fromCalendarDate } from "../../domain/dates";
import { toCents } from "../../domain/money";
import { AppError } from "../../errors";
import type { CreateOpportunityRequest, OpportunityResponse } from "../../schemas/opportunities";
import { inTransaction, type Sql, type Tx } from "../db";
import { recordHistory } from "../history/record-history";
import { newId } from "../ids";
import { enqueueMessage } from "../outbox/enqueue-message";
import { createdEvent, webhookMessages } from "../webhooks/events";
import { getActiveProcessVersion } from "../process/get-process-version";
import { reloadOpportunity } from "./get-opportunity";

/** The owner a deal may be given by this actor, or a clear refusal. */
export async function assertAssignableOwner(q: Sql, actor: Actor, ownerId: string) {
  const owner = await q.selectFrom("User").select(["id", "teamId", "role", "active"]).where("id", "=", ownerId).executeTakeFirst();
  if (!owner?.active)
    throw new AppError("VALIDATION_FAILED", "The owner does not exist.", { fields: [{ field: "ownerId", message: "no such user" }] });
  if (!canAssignOwner(actor, owner)) throw new AppError("FORBIDDEN", "You may not give a deal to this owner.");
  return owner;
}

/** A new deal, in the first stage of the default process. */
export async function createOpportunity(actor: Actor, input: CreateOpportunityRequest, now = new Date(), tx?: Tx): Promise<OpportunityResponse> {
  assertCan(actor, "opportunity.create");
  return inTransaction(tx, async (tx) => {
    const owner = await assertAssignableOwner(tx, actor, input.ownerId ?? actor.id);
    const process = await getActiveProcessVersion(tx);
    const first = process.stages[0]!;
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
      details: { name: input.name, accountName: input.accountName, amount: input.amount, closeDate: input.closeDate, ownerId: owner.id },
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
