import { getOpportunityRoute, updateOpportunityRoute } from "@/src/http/routes/opportunities";

export const GET = getOpportunityRoute;
export const PATCH = updateOpportunityRoute;
