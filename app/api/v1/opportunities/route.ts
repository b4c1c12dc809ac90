import { apiRoute } from "@/src/http/api-route";
import { CreateOpportunityRequest, ListOpportunitiesQuery } from "@/src/schemas/opportunities";
import { createOpportunity } from "@/src/server/opportunities/create-opportunity";
import { listOpportunities } from "@/src/server/opportunities/list-opportunities";

export const GET = apiRoute({ query: ListOpportunitiesQuery }, async ({ actor, query }) => listOpportunities(actor, query));

export const POST = apiRoute({ body: CreateOpportunityRequest, status: 201 }, async ({ actor, body }) => createOpportunity(actor, body));
