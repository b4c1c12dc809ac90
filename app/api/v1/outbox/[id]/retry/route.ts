import { apiRoute } from "@/src/http/api-route";
import { OutboxParams } from "@/src/schemas/outbox";
import { retryOutboxMessage } from "@/src/server/outbox/retry-outbox-message";

export const POST = apiRoute({ params: OutboxParams }, async ({ actor, params }) => retryOutboxMessage(actor, params.id));
