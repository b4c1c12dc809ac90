import { opportunityHistoryRoute } from "@/src/http/routes/opportunities";

export const GET = opportunityHistoryRoute;
