import { listDealDeskRuleVersionsRoute } from "@/src/http/routes/deal-desk-rules";

export const GET = listDealDeskRuleVersionsRoute;
