// An HTTP webhook to the URL the message names, shaped as a Standard Webhooks event: the body is
// `{ type, timestamp, data }`, and `webhook-id` (also sent as `Idempotency-Key`) is the message's
// idempotency key, the same on every try, so a receiver can drop what it has already handled.
import { z } from "zod";
import { WebhookPayload } from "../payloads";
import { postJson } from "./post-json";
import type { Sender } from "./sender";

export const webhookSender = (): Sender => ({
  send: async (delivery, signal) => {
    const parsed = WebhookPayload.safeParse(delivery.payload);
    if (!parsed.success) return { status: "failed", error: `Not a webhook message: ${z.prettifyError(parsed.error)}`, permanent: true };
    const { url, type, data } = parsed.data;
    const headers = {
      "idempotency-key": delivery.idempotencyKey,
      "webhook-id": delivery.idempotencyKey,
      "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
    };
    return postJson(url, { type, timestamp: delivery.createdAt.toISOString(), data }, headers, signal);
  },
});
