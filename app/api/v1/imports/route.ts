import { importOpportunitiesRoute } from "@/src/http/routes/imports";

export const POST = importOpportunitiesRoute;
