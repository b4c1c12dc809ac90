import { getDealsBehindRoute } from "@/src/http/routes/metrics";

export const GET = getDealsBehindRoute;
