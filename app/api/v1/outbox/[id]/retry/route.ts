import { retryOutboxRoute } from "@/src/http/routes/outbox";

export const POST = retryOutboxRoute;
