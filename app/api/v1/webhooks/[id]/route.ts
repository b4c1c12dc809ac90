import { deleteWebhookRoute, updateWebhookRoute } from "@/src/http/routes/webhooks";

export const PATCH = updateWebhookRoute;
export const DELETE = deleteWebhookRoute;
