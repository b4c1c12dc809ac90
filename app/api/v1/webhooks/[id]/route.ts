import { deleteWebhookRoute, getWebhookRoute, updateWebhookRoute } from "@/src/http/routes/webhooks";

export const GET = getWebhookRoute;
export const PATCH = updateWebhookRoute;
export const DELETE = deleteWebhookRoute;
