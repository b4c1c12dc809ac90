// Which senders this process has, from its environment (README, "Configuration"). A channel whose
// variables are missing gets a sender that leaves its messages `not_configured`.
import { emailSender } from "./email-sender";
import { notConfigured, type Senders } from "./sender";
import { slackSender } from "./slack-sender";
import { webhooksConfigFromEnv } from "../../webhooks/webhook-settings";
import { webhookSender } from "./webhook-sender";

/** Which channels have what they need to send: the checklist says "not configured" for the others. */
export const configuredChannels = (env: Record<string, string | undefined>) => ({
  slack: Boolean(env.SLACK_WEBHOOK_URL),
  email: Boolean(env.SMTP_URL && env.MAIL_FROM),
});

export function sendersFromEnv(env: Record<string, string | undefined>, timeoutMs: number): Senders {
  const { SLACK_WEBHOOK_URL: slack, SMTP_URL: smtp, MAIL_FROM: from } = env;
  return {
    slack: slack ? slackSender(slack) : notConfigured("Slack (SLACK_WEBHOOK_URL)"),
    email: smtp && from ? emailSender({ url: smtp, from, timeoutMs }) : notConfigured("E-mail (SMTP_URL and MAIL_FROM)"),
    webhook: webhookSender({ config: webhooksConfigFromEnv(env) }),
  };
}
