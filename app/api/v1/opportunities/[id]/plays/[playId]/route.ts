import { actOnPlayRoute } from "@/src/http/routes/plays";

export const POST = actOnPlayRoute;
