import { openDealsOfUserRoute } from "@/src/http/routes/admin";

export const GET = openDealsOfUserRoute;
