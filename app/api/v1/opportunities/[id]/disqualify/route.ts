import { disqualifyOpportunityRoute } from "@/src/http/routes/stage-moves";

export const POST = disqualifyOpportunityRoute;
