import { getOpportunityByExternalRoute, syncOpportunityRoute } from "@/src/http/routes/opportunities";

export const GET = getOpportunityByExternalRoute;
export const PUT = syncOpportunityRoute;
