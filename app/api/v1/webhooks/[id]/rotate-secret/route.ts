import { rotateWebhookSecretRoute } from "@/src/http/routes/webhooks";

export const POST = rotateWebhookSecretRoute;
