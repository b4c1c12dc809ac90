import { getIntegrationsRoute } from "@/src/http/routes/integrations";

export const GET = getIntegrationsRoute;
