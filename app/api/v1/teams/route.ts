import { createTeamRoute, listTeamsRoute } from "@/src/http/routes/admin";

export const GET = listTeamsRoute;
export const POST = createTeamRoute;
