import { apiRoute } from "@/src/http/api-route";
import { MoveRequest, OpportunityParams } from "@/src/schemas/opportunities";
import { moveOpportunity } from "@/src/server/opportunities/move-opportunity";

export const POST = apiRoute({ params: OpportunityParams, body: MoveRequest }, async ({ actor, params, body }) =>
  moveOpportunity(actor, params.id, body),
);
