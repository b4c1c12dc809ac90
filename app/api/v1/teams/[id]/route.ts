import { updateTeamRoute } from "@/src/http/routes/admin";

export const PATCH = updateTeamRoute;
