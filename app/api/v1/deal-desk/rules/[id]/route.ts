import { updateDealDeskRuleRoute } from "@/src/http/routes/deal-desk-rules";

export const PATCH = updateDealDeskRuleRoute;
