import { apiRoute } from "@/src/http/api-route";
import { DisqualifyRequest, OpportunityParams } from "@/src/schemas/opportunities";
import { disqualifyOpportunity } from "@/src/server/opportunities/disqualify-opportunity";

export const POST = apiRoute({ params: OpportunityParams, body: DisqualifyRequest }, async ({ actor, params, body }) =>
  disqualifyOpportunity(actor, params.id, body),
);
