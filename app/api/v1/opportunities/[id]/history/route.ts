import { apiRoute } from "@/src/http/api-route";
import { OpportunityParams } from "@/src/schemas/opportunities";
import { opportunityHistory } from "@/src/server/opportunities/opportunity-history";

export const GET = apiRoute({ params: OpportunityParams }, async ({ actor, params }) => opportunityHistory(actor, params.id));
