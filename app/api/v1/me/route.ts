import { apiRoute } from "@/src/http/api-route";

export const GET = apiRoute({}, async ({ actor }) => ({
  id: actor.id,
  email: actor.email,
  name: actor.name,
  role: actor.role,
  teamId: actor.teamId,
  groups: actor.groups,
}));
