import { createUserRoute, listUsersRoute } from "@/src/http/routes/admin";

export const GET = listUsersRoute;
export const POST = createUserRoute;
