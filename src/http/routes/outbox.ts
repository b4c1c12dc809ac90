import { ListOutboxQuery, OutboxList, OutboxMessageResponse, OutboxParams } from "../../schemas/outbox";
import { listOutboxMessages } from "../../server/outbox/list-outbox-messages";
import { retryOutboxMessage } from "../../server/outbox/retry-outbox-message";
import { apiRoute } from "../api-route";

const tag = "Administration";

export const listOutboxRoute = apiRoute(
  {
    method: "GET",
    path: "/outbox",
    summary: "Outgoing messages, newest first, with their latest delivery attempts (admin).",
    tag,
    query: ListOutboxQuery,
    response: OutboxList,
    errors: ["FORBIDDEN"],
  },
  async ({ actor, query }) => listOutboxMessages(actor, query),
);

export const retryOutboxRoute = apiRoute(
  {
    method: "POST",
    path: "/outbox/{id}/retry",
    summary: "Deliver a failed or not configured message again, with a fresh retry schedule (admin).",
    tag,
    params: OutboxParams,
    response: OutboxMessageResponse,
    errors: ["FORBIDDEN", "NOT_FOUND", "CONFLICT"],
  },
  async ({ actor, params }) => retryOutboxMessage(actor, params.id),
);
