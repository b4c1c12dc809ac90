// The webhook events (docs/webhooks.md#events): what each one carries, and the outbox messages that
// carry it, one per active endpoint subscribed to its type, queued in the transaction of the change.
// An event's id is derived from what happened (the deal's new version, the decision's id…), so the
// idempotency key `webhook:{endpoint}:{event}` names the same message however often it is built.
import { sql, type Selectable } from "kysely";
import { toCalendarDate } from "../../domain/dates";
import { fromCents } from "../../domain/money";
import type { Opportunity } from "../../generated/kysely/types";
import type { WebhookEvent } from "../../schemas/webhooks";
import type { Tx } from "../db";
import type { NewOutboxMessage } from "../outbox/enqueue-message";
import type { WebhookTarget } from "../opportunities/load-opportunity";
import type { OpportunityChanges } from "../opportunities/write-versioned";

export type WebhookEventInput = { type: WebhookEvent; id: string; data: Record<string, unknown> };

type DealColumns = Pick<
  Selectable<Opportunity>,
  "id" | "name" | "accountName" | "amountCents" | "currency" | "closeDate" | "stageKey" | "status" | "ownerId" | "externalSource" | "externalId"
> & { version: number };

/** The deal as every event shows it. */
export function dealSummary(deal: DealColumns) {
  return {
    id: deal.id,
    name: deal.name,
    accountName: deal.accountName,
    amount: fromCents(deal.amountCents),
    currency: deal.currency,
    closeDate: toCalendarDate(deal.closeDate),
    stage: deal.stageKey,
    status: deal.status,
    ownerId: deal.ownerId,
    externalSource: deal.externalSource,
    externalId: deal.externalId,
    version: deal.version,
  };
}

export const createdEvent = (deal: DealColumns): WebhookEventInput => ({
  type: "opportunity.created",
  id: `${deal.id}.created`,
  data: { opportunity: dealSummary(deal) },
});

/**
 * The events of a change to a deal's own columns: a move to another stage (re-opening included) is
 * `opportunity.stage_changed`, and a move to won or lost is also `opportunity.closed_won` or
 * `opportunity.closed_lost`. The deal's version after the change names the change.
 */
export function dealChangeEvents(before: DealColumns, columns: OpportunityChanges, actorId: string, now: Date): WebhookEventInput[] {
  const after = { ...before, ...(columns as Partial<DealColumns>), version: before.version + 1 };
  const moved = columns.stageKey !== undefined && columns.stageKey !== before.stageKey;
  const closedAs = columns.status !== undefined && columns.status !== before.status ? columns.status : null;
  if (!moved && closedAs !== "won" && closedAs !== "lost") return [];
  const change = { fromStage: before.stageKey, toStage: after.stageKey, changedBy: actorId, at: now.toISOString() };
  const opportunity = dealSummary(after);
  const ref = `${before.id}.v${after.version}`;
  const events: WebhookEventInput[] = [];
  if (moved) events.push({ type: "opportunity.stage_changed", id: `${ref}.stage_changed`, data: { opportunity, ...change } });
  if (closedAs === "won")
    events.push({ type: "opportunity.closed_won", id: `${ref}.closed_won`, data: { opportunity, ...change, whyWon: columns.whyWon ?? "" } });
  if (closedAs === "lost")
    events.push({
      type: "opportunity.closed_lost",
      id: `${ref}.closed_lost`,
      data: {
        opportunity,
        ...change,
        lost: {
          reasonCategory: columns.lostReasonCategory ?? null,
          explanation: columns.lostExplanation ?? null,
          competitor: columns.lostCompetitor ?? null,
          missingFunctionality: columns.lostMissingFunctionality ?? null,
        },
      },
    });
  return events;
}

/** An approval request that no longer stands for the deal's terms: a request goes stale once. */
export const staleEvent = (
  deal: DealColumns,
  request: { id: string; was: string },
  changedTerms: readonly { term: string; from: unknown; to: unknown }[],
  now: Date,
): WebhookEventInput => ({
  type: "approval.stale",
  id: `${request.id}.stale`,
  data: {
    opportunity: dealSummary(deal),
    approvalRequest: { id: request.id, status: "stale", was: request.was },
    changedTerms,
    at: now.toISOString(),
  },
});

/** One group's decision on an approval request, and the request's status after it. */
export const decidedEvent = (
  deal: DealColumns,
  decision: { id: string; requestId: string; group: string; decision: string; comment: string; deciderId: string; status: string },
  now: Date,
): WebhookEventInput => ({
  type: "approval.decided",
  id: `${decision.id}.decided`,
  data: {
    opportunity: dealSummary(deal),
    approvalRequest: { id: decision.requestId, status: decision.status },
    decision: { group: decision.group, decision: decision.decision, comment: decision.comment, decidedBy: decision.deciderId, at: now.toISOString() },
  },
});

/** The outbox messages of these events: one per endpoint (of the active ones given) subscribed to each event's type. */
export function messagesTo(endpoints: readonly WebhookTarget[], events: readonly WebhookEventInput[]): NewOutboxMessage[] {
  return events.flatMap((event) =>
    endpoints
      .filter((endpoint) => endpoint.events.includes(event.type))
      .map(
        (endpoint): NewOutboxMessage => ({
          channel: "webhook",
          payload: { url: endpoint.url, type: event.type, data: event.data, endpointId: endpoint.id },
          idempotencyKey: `webhook:${endpoint.id}:${event.id}`,
          webhookEndpointId: endpoint.id,
        }),
      ),
  );
}

/**
 * The same, reading the active endpoints first: for a change that does not go through the deal's
 * read (a new deal). A change of a deal has them from that read (`DealContext.webhooks`).
 */
export async function webhookMessages(tx: Tx, events: readonly WebhookEventInput[]): Promise<NewOutboxMessage[]> {
  if (events.length === 0) return [];
  const types = [...new Set(events.map((e) => e.type))];
  const endpoints = await tx
    .selectFrom("WebhookEndpoint")
    .select(["id", "url", sql<string[]>`"events"::text[]`.as("events")])
    .where("active", "=", true)
    .where(sql<boolean>`"events" && CAST(${`{${types.join(",")}}`} AS text[])`)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  return messagesTo(endpoints, events);
}
