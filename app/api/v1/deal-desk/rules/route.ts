import { createDealDeskRuleRoute, listDealDeskRulesRoute } from "@/src/http/routes/deal-desk-rules";

export const GET = listDealDeskRulesRoute;
export const POST = createDealDeskRuleRoute;
