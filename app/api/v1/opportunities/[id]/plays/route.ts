import { getPlaysRoute, startPlayRoute } from "@/src/http/routes/plays";

export const GET = getPlaysRoute;
export const POST = startPlayRoute;
