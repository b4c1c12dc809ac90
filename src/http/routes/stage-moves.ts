import { AttestRequest, CriterionParams, DisqualifyRequest, MoveRequest, OpportunityParams, OpportunityResponse } from "../../schemas/opportunities";
import { attestCriterion } from "../../server/opportunities/attest-criterion";
import { disqualifyOpportunity } from "../../server/opportunities/disqualify-opportunity";
import { moveOpportunity } from "../../server/opportunities/move-opportunity";
import { apiRoute } from "../api-route";
import { WRITE_ERRORS } from "./write-errors";

const tag = "Opportunities";

export const attestCriterionRoute = apiRoute(
  {
    method: "POST",
    path: "/opportunities/{id}/criteria/{key}",
    summary: "Attest or clear a check exit criterion.",
    tag,
    params: CriterionParams,
    body: AttestRequest,
    response: OpportunityResponse,
    errors: WRITE_ERRORS,
  },
  async ({ actor, params, body }) => attestCriterion(actor, params.id, params.key, body),
);

export const moveOpportunityRoute = apiRoute(
  {
    method: "POST",
    path: "/opportunities/{id}/transitions",
    summary: "Move to another stage. Refused with every unmet exit criterion, by stage.",
    tag,
    params: OpportunityParams,
    body: MoveRequest,
    response: OpportunityResponse,
    errors: [...WRITE_ERRORS, "EXIT_CRITERIA_UNMET"],
  },
  async ({ actor, params, body }) => moveOpportunity(actor, params.id, body),
);

export const disqualifyOpportunityRoute = apiRoute(
  {
    method: "POST",
    path: "/opportunities/{id}/disqualify",
    summary: "Archive a first-stage deal that goes nowhere, with a reason (not a loss).",
    tag,
    params: OpportunityParams,
    body: DisqualifyRequest,
    response: OpportunityResponse,
    errors: WRITE_ERRORS,
  },
  async ({ actor, params, body }) => disqualifyOpportunity(actor, params.id, body),
);
