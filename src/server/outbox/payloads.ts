// What each kind of outgoing message carries, checked when it is queued and again when it is sent.
import { z } from "zod";
import type { OUTBOX_CHANNELS } from "../../schemas/outbox";

export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export const EmailPayload = z.object({
  to: z.array(z.email()).min(1).max(100),
  subject: z.string().min(1).max(998),
  text: z.string(),
  html: z.string().optional(),
  /** A calendar invitation: an iCalendar (RFC 5545) event, sent as the mail's text/calendar part. */
  calendar: z.object({ method: z.enum(["REQUEST", "CANCEL", "PUBLISH"]), content: z.string().min(1) }).optional(),
});
export type EmailPayload = z.infer<typeof EmailPayload>;

/** An incoming-webhook post: `text`, and optionally Block Kit `blocks`. */
export const SlackPayload = z.object({ text: z.string().min(1), blocks: z.array(z.unknown()).optional() });
export type SlackPayload = z.infer<typeof SlackPayload>;

export const WebhookPayload = z.object({
  url: z.url({ protocol: /^https?$/ }),
  /** The event's type, e.g. `opportunity.closed_won`. */
  type: z.string().min(1).max(200),
  data: z.unknown(),
  /** The registered endpoint it is for: sent to the endpoint's URL, signed with its secret (docs/webhooks.md). */
  endpointId: z.string().min(1).max(64).optional(),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

export const PAYLOADS = { slack: SlackPayload, email: EmailPayload, webhook: WebhookPayload } as const;

export type OutboxMessageInput =
  | { channel: "slack"; payload: SlackPayload }
  | { channel: "email"; payload: EmailPayload }
  | { channel: "webhook"; payload: WebhookPayload };
