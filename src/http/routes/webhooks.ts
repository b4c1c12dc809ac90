import {
  CreateWebhookRequest,
  UpdateWebhookRequest,
  WebhookDeliveriesQuery,
  WebhookDeliveryList,
  WebhookList,
  WebhookParams,
  WebhookResponse,
  WebhookSettings,
  WebhookWithSecret,
} from "../../schemas/webhooks";
import {
  changeWebhookSettings,
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  readWebhookSettings,
  rotateWebhookSecret,
  updateWebhook,
} from "../../server/webhooks/endpoints";
import { apiRoute } from "../api-route";

const tag = "Webhooks";

export const listWebhooksRoute = apiRoute(
  {
    method: "GET",
    path: "/webhooks",
    summary: "Every webhook endpoint, oldest first, without secrets (admin).",
    tag,
    response: WebhookList,
    errors: ["FORBIDDEN"],
  },
  async ({ actor }) => listWebhooks(actor),
);

export const createWebhookRoute = apiRoute(
  {
    method: "POST",
    path: "/webhooks",
    summary: "Register a webhook endpoint; the answer holds its signing secret, shown only this once (admin).",
    tag,
    body: CreateWebhookRequest,
    response: WebhookWithSecret,
    status: 201,
    errors: ["FORBIDDEN", "VALIDATION_FAILED"],
  },
  async ({ actor, body }) => createWebhook(actor, body),
);

export const getWebhookRoute = apiRoute(
  {
    method: "GET",
    path: "/webhooks/{id}",
    summary: "One webhook endpoint, without its secret (admin).",
    tag,
    params: WebhookParams,
    response: WebhookResponse,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params }) => getWebhook(actor, params.id),
);

export const updateWebhookRoute = apiRoute(
  {
    method: "PATCH",
    path: "/webhooks/{id}",
    summary: "Change an endpoint's URL, events or description, or turn it off and on (admin).",
    tag,
    params: WebhookParams,
    body: UpdateWebhookRequest,
    response: WebhookResponse,
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"],
  },
  async ({ actor, params, body }) => updateWebhook(actor, params.id, body),
);

export const deleteWebhookRoute = apiRoute(
  {
    method: "DELETE",
    path: "/webhooks/{id}",
    summary: "Delete an endpoint: nothing more is sent to it (admin).",
    tag,
    params: WebhookParams,
    status: 204,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params }) => {
    await deleteWebhook(actor, params.id);
    return new Response(null, { status: 204 });
  },
);

export const rotateWebhookSecretRoute = apiRoute(
  {
    method: "POST",
    path: "/webhooks/{id}/rotate-secret",
    summary: "A new signing secret, shown only this once; the previous one signs beside it for the rotation window (admin).",
    tag,
    params: WebhookParams,
    response: WebhookWithSecret,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params }) => rotateWebhookSecret(actor, params.id),
);

export const listWebhookDeliveriesRoute = apiRoute(
  {
    method: "GET",
    path: "/webhooks/{id}/deliveries",
    summary: "An endpoint's deliveries, newest first, each with its latest tries (admin).",
    tag,
    params: WebhookParams,
    query: WebhookDeliveriesQuery,
    response: WebhookDeliveryList,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params, query }) => listWebhookDeliveries(actor, params.id, query),
);

export const getWebhookSettingsRoute = apiRoute(
  {
    method: "GET",
    path: "/webhooks/settings",
    summary: "The webhooks' workspace settings (admin).",
    tag,
    response: WebhookSettings,
    errors: ["FORBIDDEN"],
  },
  async ({ actor }) => readWebhookSettings(actor),
);

export const putWebhookSettingsRoute = apiRoute(
  {
    method: "PUT",
    path: "/webhooks/settings",
    summary: "Change the webhooks' workspace settings: whether endpoints may resolve to private addresses (admin).",
    tag,
    body: WebhookSettings,
    response: WebhookSettings,
    errors: ["FORBIDDEN", "VALIDATION_FAILED"],
  },
  async ({ actor, body }) => changeWebhookSettings(actor, body),
);
