// The demo's webhook endpoint (docs/webhooks.md): the CRM's deal sync as an admin registered it a
// month before the demo's day, the wins since then delivered to it, each with its one try; then
// paused, because its example address receives nothing and the demo must send nothing out. An admin
// points it at a real receiver and enables it (PATCH /api/v1/webhooks/{id}).
import { sql } from "kysely";
import type { WebhookEvent } from "../../schemas/webhooks";
import type { Tx } from "../db";
import { newId } from "../ids";
import { dealSummary } from "../webhooks/events";
import { newWebhookSecret } from "../webhooks/signature";
import { recordAudit } from "../audit/record-audit";
import { DEMO_OFFICE_ADDRESS } from "./seed-audit";

export const DEMO_WEBHOOK = {
  url: "https://crm.example.com/hooks/stageline",
  description: "CRM deal sync: won and lost deals and stage changes",
  events: ["opportunity.stage_changed", "opportunity.closed_won", "opportunity.closed_lost"] satisfies WebhookEvent[],
  disabledReason: "Paused: the demo's example address receives nothing. Point it at your receiver, then enable it.",
};

const DAY = 24 * 60 * 60 * 1000;

export async function createDemoWebhook(tx: Tx, admin: { id: string; email: string }, now: Date): Promise<void> {
  const adminId = admin.id;
  const id = newId();
  const registered = new Date(now.getTime() - 30 * DAY);
  const secret = newWebhookSecret();
  // As the admin console recorded it: registered, then paused today (docs/rules/audit.md).
  const fields = { id, url: DEMO_WEBHOOK.url, events: DEMO_WEBHOOK.events, description: DEMO_WEBHOOK.description };
  await recordAudit(tx, {
    actor: admin,
    action: "webhook.created",
    object: { type: "webhook", id },
    after: { ...fields, active: true, secret },
    clientAddress: DEMO_OFFICE_ADDRESS,
    at: registered,
  });
  await recordAudit(tx, {
    actor: admin,
    action: "webhook.updated",
    object: { type: "webhook", id },
    before: { ...fields, active: true, disabledReason: null },
    after: { ...fields, active: false, disabledReason: DEMO_WEBHOOK.disabledReason },
    clientAddress: DEMO_OFFICE_ADDRESS,
    at: now,
  });
  await tx
    .insertInto("WebhookEndpoint")
    .values({
      id,
      url: DEMO_WEBHOOK.url,
      events: sql<string[]>`CAST(${`{${DEMO_WEBHOOK.events.join(",")}}`} AS text[])`,
      description: DEMO_WEBHOOK.description,
      secret,
      active: false,
      disabledReason: DEMO_WEBHOOK.disabledReason,
      disabledAt: now,
      createdById: adminId,
      createdAt: registered,
      updatedAt: now,
    })
    .execute();
  // The wins since it was registered, each as the move to Closed Won queued it.
  const wins = await tx
    .selectFrom("HistoryEntry as h")
    .innerJoin("Opportunity as o", "o.id", "h.opportunityId")
    .select([
      "o.id",
      "o.name",
      "o.accountName",
      "o.amountCents",
      "o.currency",
      "o.closeDate",
      "o.stageKey",
      "o.status",
      "o.ownerId",
      "o.externalSource",
      "o.externalId",
      "o.version",
      "h.fromStage",
      "h.actorId",
      "h.at",
    ])
    .where("h.toStage", "=", "closed_won")
    .where("o.status", "=", "won")
    .where("h.at", ">=", registered)
    .where("h.at", "<=", now)
    .orderBy("h.at")
    .execute();
  if (wins.length === 0) return;
  const messages = wins.map((win) => {
    const event = `${win.id}.closed_won`;
    const deliveredAt = new Date(win.at.getTime() + 1_000);
    return {
      row: {
        id: newId(),
        channel: "webhook" as const,
        payload: JSON.stringify({
          url: DEMO_WEBHOOK.url,
          type: "opportunity.closed_won",
          endpointId: id,
          data: {
            opportunity: dealSummary({ ...win, amountCents: BigInt(win.amountCents) }),
            fromStage: win.fromStage,
            toStage: "closed_won",
            changedBy: win.actorId,
            at: win.at.toISOString(),
          },
        }),
        idempotencyKey: `webhook:${id}:${event}`,
        status: "delivered" as const,
        attempts: 1,
        nextAttemptAt: win.at,
        firstAttemptAt: win.at,
        deliveredAt,
        createdAt: win.at,
        opportunityId: win.id,
        webhookEndpointId: id,
      },
      deliveredAt,
    };
  });
  await tx
    .insertInto("OutboxMessage")
    .values(messages.map((m) => m.row))
    .execute();
  await tx
    .insertInto("OutboxAttempt")
    .values(
      messages.map((m) => ({
        id: newId(),
        messageId: m.row.id,
        at: m.deliveredAt,
        status: "delivered" as const,
        responseCode: 200,
        error: null,
        durationMs: 142,
        worker: "demo",
      })),
    )
    .execute();
}
