import { apiRoute } from "@/src/http/api-route";
import { OpportunityParams, ReplaceClosePlanRequest } from "@/src/schemas/opportunities";
import { getClosePlan, replaceClosePlan } from "@/src/server/opportunities/close-plan";

export const GET = apiRoute({ params: OpportunityParams }, async ({ actor, params }) => getClosePlan(actor, params.id));

export const PUT = apiRoute({ params: OpportunityParams, body: ReplaceClosePlanRequest }, async ({ actor, params, body }) =>
  replaceClosePlan(actor, params.id, body),
);
