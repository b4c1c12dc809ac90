import { listWebhookDeliveriesRoute } from "@/src/http/routes/webhooks";

export const GET = listWebhookDeliveriesRoute;
