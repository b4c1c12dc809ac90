import { getClosePlanRoute, replaceClosePlanRoute } from "@/src/http/routes/contacts-and-plan";

export const GET = getClosePlanRoute;
export const PUT = replaceClosePlanRoute;
