import { createWebhookRoute, listWebhooksRoute } from "@/src/http/routes/webhooks";

export const GET = listWebhooksRoute;
export const POST = createWebhookRoute;
