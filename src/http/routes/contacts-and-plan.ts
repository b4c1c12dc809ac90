import {
  ClosePlanResponse,
  OpportunityParams,
  OpportunityResponse,
  ReplaceClosePlanRequest,
  ReplaceContactsRequest,
} from "../../schemas/opportunities";
import { getClosePlan, replaceClosePlan } from "../../server/opportunities/close-plan";
import { replaceContacts } from "../../server/opportunities/replace-contacts";
import { apiRoute } from "../api-route";
import { WRITE_ERRORS } from "./write-errors";

const tag = "Opportunities";

export const replaceContactsRoute = apiRoute(
  {
    method: "PUT",
    path: "/opportunities/{id}/contacts",
    summary: "Replace the deal's contacts (the buying group, with each person's role).",
    tag,
    params: OpportunityParams,
    body: ReplaceContactsRequest,
    response: OpportunityResponse,
    errors: WRITE_ERRORS,
  },
  async ({ actor, params, body }) => replaceContacts(actor, params.id, body),
);

export const getClosePlanRoute = apiRoute(
  {
    method: "GET",
    path: "/opportunities/{id}/close-plan",
    summary: "The close plan in due order, worked back from the decision date (with suggested steps when empty).",
    tag,
    params: OpportunityParams,
    response: ClosePlanResponse,
    errors: ["NOT_FOUND"],
  },
  async ({ actor, params }) => getClosePlan(actor, params.id),
);

export const replaceClosePlanRoute = apiRoute(
  {
    method: "PUT",
    path: "/opportunities/{id}/close-plan",
    summary: "Replace the close plan's steps (each with owner and due date).",
    tag,
    params: OpportunityParams,
    body: ReplaceClosePlanRequest,
    response: ClosePlanResponse,
    errors: WRITE_ERRORS,
  },
  async ({ actor, params, body }) => replaceClosePlan(actor, params.id, body),
);
