import { getEmbedSettingsRoute, putEmbedSettingsRoute } from "@/src/http/routes/embed";

export const GET = getEmbedSettingsRoute;
export const PUT = putEmbedSettingsRoute;
