import { moveOpportunityRoute } from "@/src/http/routes/stage-moves";

export const POST = moveOpportunityRoute;
