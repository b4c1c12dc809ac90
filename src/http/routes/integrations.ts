import { IntegrationsStatus, TestMessageRequest, TestMessageResponse } from "../../schemas/integrations";
import { readChannelStatuses, sendTestMessage } from "../../server/integrations/channels";
import { apiRoute } from "../api-route";

const tag = "Integrations";

export const getIntegrationsRoute = apiRoute(
  {
    method: "GET",
    path: "/integrations",
    summary: "Whether Slack (SLACK_WEBHOOK_URL) and e-mail (SMTP_URL, MAIL_FROM) are configured, and where they send, secrets left out (admin).",
    tag,
    response: IntegrationsStatus,
    errors: ["FORBIDDEN"],
  },
  async ({ actor }) => ({ channels: readChannelStatuses(actor) }),
);

export const sendTestMessageRoute = apiRoute(
  {
    method: "POST",
    path: "/integrations/test-message",
    summary:
      "Queue a test message through the outbox: to Slack's incoming webhook, or by e-mail to the admin. Its delivery and tries show in the outbox (admin).",
    tag,
    body: TestMessageRequest,
    response: TestMessageResponse,
    status: 202,
    errors: ["FORBIDDEN"],
  },
  async ({ actor, body }) => sendTestMessage(actor, body.channel),
);
