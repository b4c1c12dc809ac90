import { getDealDeskSettingsRoute, putDealDeskSettingsRoute } from "@/src/http/routes/deal-desk-rules";

export const GET = getDealDeskSettingsRoute;
export const PUT = putDealDeskSettingsRoute;
