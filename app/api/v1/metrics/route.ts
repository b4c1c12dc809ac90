import { getMetricsRoute } from "@/src/http/routes/metrics";

export const GET = getMetricsRoute;
