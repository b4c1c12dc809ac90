// Slack through an incoming webhook (SLACK_WEBHOOK_URL). Slack ignores the idempotency key; it is
// sent anyway, for proxies and test receivers that honour it.
import { z } from "zod";
import { SlackPayload } from "../payloads";
import { postJson } from "./post-json";
import type { Sender } from "./sender";

export const slackSender = (webhookUrl: string): Sender => ({
  send: async (delivery, signal) => {
    const parsed = SlackPayload.safeParse(delivery.payload);
    if (!parsed.success) return { status: "failed", error: `Not a Slack message: ${z.prettifyError(parsed.error)}`, permanent: true };
    return postJson(webhookUrl, parsed.data, { "idempotency-key": delivery.idempotencyKey }, signal);
  },
});
