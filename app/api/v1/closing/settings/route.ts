import { changeClosingSettingsRoute, getClosingSettingsRoute } from "@/src/http/routes/closing";

export const GET = getClosingSettingsRoute;
export const PUT = changeClosingSettingsRoute;
