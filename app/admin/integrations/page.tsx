// Integrations for admins (docs/rules/integrations.md): the webhook endpoints with their secrets and
// deliveries, whether endpoints may be inside the company's network, the origins that may frame the
// embed, and Slack and e-mail with a test message each. Everything goes through the API's use cases.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { readEmbedSettings } from "@/src/server/embed/embed-settings";
import { readChannelStatuses } from "@/src/server/integrations/channels";
import { listWebhooks, readWebhookSettings } from "@/src/server/webhooks/endpoints";
import { webhooksConfigFromEnv } from "@/src/server/webhooks/webhook-settings";
import { Card } from "@/src/ui/card";
import { PageHeader } from "@/src/ui/page-header";
import { ChannelTests, EmbedOriginsForm, PrivateAddressesForm } from "./settings-forms";
import { WebhookEndpoints } from "./webhook-endpoints";

export const metadata: Metadata = { title: "Integrations" };

const HOUR_MS = 3_600_000;

export default async function IntegrationsPage() {
  const actor = await requireActor("/admin/integrations");
  if (!can(actor, "integrations.manage") || !can(actor, "webhooks.manage")) notFound();
  const [webhooks, webhookSettings, embed] = await Promise.all([listWebhooks(actor), readWebhookSettings(actor), readEmbedSettings(actor)]);
  const channels = readChannelStatuses(actor);
  const config = webhooksConfigFromEnv();

  return (
    <>
      <PageHeader
        title="Integrations"
        description="What the app sends out and who may show it: webhooks to your systems, the stage path framed in your CRM, Slack and e-mail. Every message goes through the outbox, retried while a receiver is down."
      />
      <div className="space-y-6">
        <Card
          flush
          title="Webhook endpoints"
          description="Signed requests to your systems when deals move and approvals are decided. docs/webhooks.md has the payloads and how to verify them."
        >
          <WebhookEndpoints
            endpoints={webhooks.items}
            rotationHours={config.rotationWindowMs / HOUR_MS}
            disableAfterHours={config.disableAfterMs / HOUR_MS}
          />
        </Card>
        <Card title="Endpoints inside your network">
          <PrivateAddressesForm allow={webhookSettings.allowPrivateAddresses} />
        </Card>
        <Card
          title="Embedding in your CRM"
          description="The stage path at /embed/opportunities/{id} and /embed/by-external/{source}/{id}, in a record page of Salesforce, HubSpot or any site you allow. docs/embedding.md shows how."
        >
          <EmbedOriginsForm settings={embed} />
        </Card>
        <Card flush title="Slack and e-mail" description="Set in the environment. A test message goes through the outbox like any other.">
          <ChannelTests channels={channels} />
        </Card>
      </div>
    </>
  );
}
