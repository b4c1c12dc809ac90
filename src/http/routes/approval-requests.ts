import {
  ApprovalRequestList,
  ApprovalRequestParams,
  ApprovalRequestResponse,
  DecideApprovalRequest,
  ListApprovalRequestsQuery,
  SubmitApprovalRequest,
} from "../../schemas/approval-requests";
import { OpportunityParams } from "../../schemas/opportunities";
import {
  decideApprovalRequest,
  getApprovalRequest,
  listApprovalRequests,
  submitApprovalRequest,
  withdrawApprovalRequest,
} from "../../server/deal-desk/approval-requests";
import { apiRoute } from "../api-route";
import { WRITE_ERRORS } from "./write-errors";

const tag = "Deal desk";

export const submitApprovalRequestRoute = apiRoute(
  {
    method: "POST",
    path: "/opportunities/{id}/approval-requests",
    summary:
      "Submit a non-standard deal for approval, with a justification. Refused (409, details.reason) when it needs none, a request is pending, or the latest approval still covers it.",
    tag,
    params: OpportunityParams,
    body: SubmitApprovalRequest,
    response: ApprovalRequestResponse,
    status: 201,
    errors: [...WRITE_ERRORS, "CONFLICT"],
  },
  async ({ actor, params, body }) => submitApprovalRequest(actor, params.id, body),
);

export const listApprovalRequestsRoute = apiRoute(
  {
    method: "GET",
    path: "/approval-requests",
    summary:
      "The approval requests the caller may see, newest first, by status and by a group they were routed to, with cursor pagination (limit, cursor; nextCursor).",
    tag,
    query: ListApprovalRequestsQuery,
    response: ApprovalRequestList,
  },
  async ({ actor, query }) => listApprovalRequests(actor, query),
);

export const getApprovalRequestRoute = apiRoute(
  {
    method: "GET",
    path: "/approval-requests/{id}",
    summary: "One approval request, with its decisions and what the caller may do to it.",
    tag,
    params: ApprovalRequestParams,
    response: ApprovalRequestResponse,
    errors: ["NOT_FOUND"],
  },
  async ({ actor, params }) => getApprovalRequest(actor, params.id),
);

export const decideApprovalRequestRoute = apiRoute(
  {
    method: "POST",
    path: "/approval-requests/{id}/decisions",
    summary:
      "Approve, reject or request changes for one of the caller's groups (a comment is required to reject or request changes). 409 with the current request when it is no longer pending.",
    tag,
    params: ApprovalRequestParams,
    body: DecideApprovalRequest,
    response: ApprovalRequestResponse,
    status: 201,
    errors: [...WRITE_ERRORS, "CONFLICT"],
  },
  async ({ actor, params, body }) => decideApprovalRequest(actor, params.id, body),
);

export const withdrawApprovalRequestRoute = apiRoute(
  {
    method: "POST",
    path: "/approval-requests/{id}/withdraw",
    summary: "Withdraw a pending request (its submitter, or whoever may submit for the deal).",
    tag,
    params: ApprovalRequestParams,
    response: ApprovalRequestResponse,
    errors: [...WRITE_ERRORS, "CONFLICT"],
  },
  async ({ actor, params }) => withdrawApprovalRequest(actor, params.id),
);
