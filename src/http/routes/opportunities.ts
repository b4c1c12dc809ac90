import {
  CreateOpportunityRequest,
  ExternalParams,
  HistoryResponse,
  ListOpportunitiesQuery,
  OpportunityList,
  OpportunityParams,
  OpportunityResponse,
  SyncOpportunityRequest,
  UpdateOpportunityRequest,
} from "../../schemas/opportunities";
import { opportunitiesCsvChunks } from "../../server/exports/opportunities-export";
import { csvDownload, datedFileName } from "../../server/exports/stageline-csv";
import { createOpportunity } from "../../server/opportunities/create-opportunity";
import { getOpportunity } from "../../server/opportunities/get-opportunity";
import { listOpportunities } from "../../server/opportunities/list-opportunities";
import { opportunityHistory } from "../../server/opportunities/opportunity-history";
import { getOpportunityByExternal, syncOpportunity } from "../../server/opportunities/sync-opportunity";
import { updateOpportunity } from "../../server/opportunities/update-opportunity";
import { apiRoute } from "../api-route";
import { wantsCsv } from "./metrics";
import { WRITE_ERRORS } from "./write-errors";

const tag = "Opportunities";

export const listOpportunitiesRoute = apiRoute(
  {
    method: "GET",
    path: "/opportunities",
    summary:
      "The opportunities the caller may see, newest first, with cursor pagination. Accept: text/csv answers every one matching the filters (all pages) in the Stageline CSV format that POST /imports reads back.",
    tag,
    query: ListOpportunitiesQuery,
    response: OpportunityList,
    csv: true,
  },
  async ({ actor, query, req }) => {
    if (!wantsCsv(req)) return listOpportunities(actor, query);
    const now = new Date();
    return csvDownload(opportunitiesCsvChunks(actor, query), datedFileName("opportunities", now));
  },
);

export const createOpportunityRoute = apiRoute(
  {
    method: "POST",
    path: "/opportunities",
    summary: "Create an opportunity in the first stage of the active process.",
    tag,
    body: CreateOpportunityRequest,
    response: OpportunityResponse,
    status: 201,
    errors: ["FORBIDDEN"],
  },
  async ({ actor, body }) => createOpportunity(actor, body),
);

export const getOpportunityRoute = apiRoute(
  {
    method: "GET",
    path: "/opportunities/{id}",
    summary: "One opportunity, with its current exit criteria and approval state.",
    tag,
    params: OpportunityParams,
    response: OpportunityResponse,
    errors: ["NOT_FOUND"],
  },
  async ({ actor, params }) => getOpportunity(actor, params.id),
);

export const updateOpportunityRoute = apiRoute(
  {
    method: "PATCH",
    path: "/opportunities/{id}",
    summary: "Change fields. Names the version read; a close date moved later needs a reason.",
    tag,
    params: OpportunityParams,
    body: UpdateOpportunityRequest,
    response: OpportunityResponse,
    errors: WRITE_ERRORS,
  },
  async ({ actor, params, body }) => updateOpportunity(actor, params.id, body),
);

export const opportunityHistoryRoute = apiRoute(
  {
    method: "GET",
    path: "/opportunities/{id}/history",
    summary: "The deal's history, oldest first.",
    tag,
    params: OpportunityParams,
    response: HistoryResponse,
    errors: ["NOT_FOUND"],
  },
  async ({ actor, params }) => opportunityHistory(actor, params.id),
);

export const getOpportunityByExternalRoute = apiRoute(
  {
    method: "GET",
    path: "/opportunities/by-external/{source}/{externalId}",
    summary: "The opportunity that mirrors a CRM record, by the CRM's name and its id of the record.",
    tag,
    params: ExternalParams,
    response: OpportunityResponse,
    errors: ["NOT_FOUND"],
  },
  async ({ actor, params }) => getOpportunityByExternal(actor, params),
);

export const syncOpportunityRoute = apiRoute(
  {
    method: "PUT",
    path: "/opportunities/by-external/{source}/{externalId}",
    summary:
      "Create (no version: 201, or 409 if the record exists) or update (with version) the opportunity that mirrors a CRM record. A stage given is a move, checked like one.",
    tag,
    params: ExternalParams,
    body: SyncOpportunityRequest,
    response: OpportunityResponse,
    mayCreate: true,
    errors: [...WRITE_ERRORS, "CONFLICT", "EXIT_CRITERIA_UNMET"],
  },
  async ({ actor, params, body }) => {
    const { created, deal } = await syncOpportunity(actor, params, body);
    return created ? Response.json(deal, { status: 201 }) : deal;
  },
);
