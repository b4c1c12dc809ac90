import { createOpportunityRoute, listOpportunitiesRoute } from "@/src/http/routes/opportunities";

export const GET = listOpportunitiesRoute;
export const POST = createOpportunityRoute;
