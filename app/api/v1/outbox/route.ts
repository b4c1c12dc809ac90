import { apiRoute } from "@/src/http/api-route";
import { ListOutboxQuery } from "@/src/schemas/outbox";
import { listOutboxMessages } from "@/src/server/outbox/list-outbox-messages";

export const GET = apiRoute({ query: ListOutboxQuery }, async ({ actor, query }) => listOutboxMessages(actor, query));
