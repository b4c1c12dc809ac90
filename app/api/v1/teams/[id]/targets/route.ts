import { getTeamDashboardSettingsRoute, setTeamTargetRoute } from "@/src/http/routes/metrics";

export const GET = getTeamDashboardSettingsRoute;
export const PUT = setTeamTargetRoute;
