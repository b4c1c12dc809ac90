import { setDealSizesRoute } from "@/src/http/routes/metrics";

export const PUT = setDealSizesRoute;
