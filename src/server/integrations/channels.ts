// The outgoing channels an admin checks from the integrations page (docs/rules/integrations.md):
// whether Slack and e-mail have what they need in this process's environment, where they send
// (secrets left out), and a test message through the outbox, delivered or retried like any other.
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import type { ChannelStatus, TestChannel, TestMessageResponse } from "../../schemas/integrations";
import { database } from "../db";
import { newId } from "../ids";
import { enqueueMessage } from "../outbox/enqueue-message";
import { configuredChannels } from "../outbox/senders/senders-from-env";

type Env = Record<string, string | undefined>;

/** The host of a URL, or null when it is not one: an incoming webhook's path is its secret. */
function hostOf(raw: string | undefined, withPort = false): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return withPort && url.port ? `${url.hostname}:${url.port}` : url.hostname;
  } catch {
    return null;
  }
}

export function channelStatuses(env: Env = process.env): ChannelStatus[] {
  const configured = configuredChannels(env);
  const smtp = hostOf(env.SMTP_URL, true);
  return [
    { channel: "slack", configured: configured.slack, variables: ["SLACK_WEBHOOK_URL"], target: hostOf(env.SLACK_WEBHOOK_URL) },
    {
      channel: "email",
      configured: configured.email,
      variables: ["SMTP_URL", "MAIL_FROM"],
      target: smtp || env.MAIL_FROM ? [smtp, env.MAIL_FROM ? `from ${env.MAIL_FROM}` : null].filter(Boolean).join(", ") : null,
    },
  ];
}

export function readChannelStatuses(actor: Actor, env: Env = process.env): ChannelStatus[] {
  assertCan(actor, "integrations.manage");
  return channelStatuses(env);
}

/**
 * Queues a test message on the channel: to Slack's incoming webhook, or by e-mail to the admin. A
 * channel without its settings still queues it: the outbox marks it not configured, as it would any
 * message, and it is sent once the settings are there and it is retried.
 */
export async function sendTestMessage(actor: Actor, channel: TestChannel, now = new Date(), env: Env = process.env): Promise<TestMessageResponse> {
  assertCan(actor, "integrations.manage");
  const id = newId();
  const idempotencyKey = `test:${channel}:${id}`;
  const when = now.toISOString().slice(0, 16).replace("T", " ");
  const text = `Test message from Stageline, sent by ${actor.name} (${actor.email}) at ${when} UTC. If you can read this, ${
    channel === "slack" ? "Slack" : "e-mail"
  } delivery works.`;
  const message = await database().transaction(async (tx) => {
    if (channel === "slack") await enqueueMessage(tx, { channel, payload: { text }, idempotencyKey }, now);
    else await enqueueMessage(tx, { channel, payload: { to: [actor.email], subject: "Stageline test message", text }, idempotencyKey }, now);
    return tx.selectFrom("OutboxMessage").select("id").where("idempotencyKey", "=", idempotencyKey).executeTakeFirstOrThrow();
  });
  const status = channelStatuses(env).find((c) => c.channel === channel)!;
  return {
    messageId: message.id,
    channel,
    to: channel === "slack" ? "the channel of SLACK_WEBHOOK_URL" : actor.email,
    configured: status.configured,
  };
}
