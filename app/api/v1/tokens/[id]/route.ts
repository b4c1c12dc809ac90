import { revokeTokenRoute } from "@/src/http/routes/tokens";

export const DELETE = revokeTokenRoute;
