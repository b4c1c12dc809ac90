import { apiRoute } from "@/src/http/api-route";
import { CreateTeamRequest } from "@/src/schemas/users";
import { createTeam, listTeams } from "@/src/server/teams/create-team";

export const GET = apiRoute({}, async ({ actor }) => listTeams(actor));

export const POST = apiRoute({ body: CreateTeamRequest, status: 201 }, async ({ actor, body }) => createTeam(actor, body));
