import { apiRoute } from "@/src/http/api-route";
import { OpportunityParams, UpdateOpportunityRequest } from "@/src/schemas/opportunities";
import { getOpportunity } from "@/src/server/opportunities/get-opportunity";
import { updateOpportunity } from "@/src/server/opportunities/update-opportunity";

export const GET = apiRoute({ params: OpportunityParams }, async ({ actor, params }) => getOpportunity(actor, params.id));

export const PATCH = apiRoute({ params: OpportunityParams, body: UpdateOpportunityRequest }, async ({ actor, params, body }) =>
  updateOpportunity(actor, params.id, body),
);
