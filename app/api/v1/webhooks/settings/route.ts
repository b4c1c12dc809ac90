import { getWebhookSettingsRoute, putWebhookSettingsRoute } from "@/src/http/routes/webhooks";

export const GET = getWebhookSettingsRoute;
export const PUT = putWebhookSettingsRoute;
