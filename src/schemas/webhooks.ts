// Webhook endpoints as the API takes and answers them (docs/webhooks.md).
import { z } from "zod";
import { Id, PageQuery, text } from "./common";
import { OutboxMessageResponse } from "./outbox";

import { WEBHOOK_EVENTS, type WebhookEvent } from "../domain/webhooks/event-types";

export { WEBHOOK_EVENTS, type WebhookEvent };

/** An absolute http(s) URL; which schemes and hosts are accepted is decided with DNS (src/server/webhooks/url-rules.ts). */
const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, error: "an https:// URL" }));

const Events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, "at least one event")
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)]);

export const CreateWebhookRequest = z
  .object({ url: WebhookUrl, events: Events, description: text(500).optional() })
  .strict()
  .meta({ id: "CreateWebhookRequest" });
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

/** Any of the fields; `active: true` turns a disabled endpoint back on (its failure record starts afresh). */
export const UpdateWebhookRequest = z
  .object({ url: WebhookUrl.optional(), events: Events.optional(), description: text(500).optional(), active: z.boolean().optional() })
  .strict()
  .meta({ id: "UpdateWebhookRequest" });
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

export const WebhookParams = z.object({ id: Id });

export const WebhookResponse = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    description: z.string(),
    active: z.boolean(),
    disabledReason: z.string().nullable(),
    disabledAt: z.string().nullable(),
    /** Since when every delivery has failed; null after a success. */
    failingSince: z.string().nullable(),
    /** Until when the secret before the latest rotation still signs beside the new one. */
    previousSecretExpiresAt: z.string().nullable(),
    createdById: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Webhook" });
export type WebhookResponse = z.infer<typeof WebhookResponse>;

/** The answer of a registration and of a rotation: the only times the secret is shown. */
export const WebhookWithSecret = WebhookResponse.extend({
  /** `whsec_` + base64: the key of the signatures (docs/webhooks.md#verifying). */
  secret: z.string(),
}).meta({ id: "WebhookWithSecret" });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const WebhookList = z.object({ items: z.array(WebhookResponse) }).meta({ id: "WebhookList" });

export const WebhookDeliveriesQuery = z.object({ ...PageQuery });
export type WebhookDeliveriesQuery = z.infer<typeof WebhookDeliveriesQuery>;

/** An endpoint's deliveries: its outbox messages, newest first, each with its latest tries. */
export const WebhookDeliveryList = z
  .object({ items: z.array(OutboxMessageResponse), nextCursor: z.string().nullable() })
  .meta({ id: "WebhookDeliveryList" });

/** The workspace's webhook settings, an admin's to change. */
export const WebhookSettings = z
  .object({
    /** Lets endpoints resolve to private, loopback and link-local addresses (a receiver inside the company's network). */
    allowPrivateAddresses: z.boolean(),
  })
  .strict()
  .meta({ id: "WebhookSettings" });
export type WebhookSettings = z.infer<typeof WebhookSettings>;
