// The webhook event types (docs/webhooks.md#events), apart from their schemas: pages list them
// without loading the validation library.

/** Every event an endpoint may subscribe to; their payloads are in docs/webhooks.md. */
export const WEBHOOK_EVENTS = [
  "opportunity.created",
  "opportunity.stage_changed",
  "opportunity.closed_won",
  "opportunity.closed_lost",
  "approval.decided",
  "approval.stale",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
