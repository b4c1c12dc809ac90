import { reassignDealsRoute } from "@/src/http/routes/admin";

export const POST = reassignDealsRoute;
