import { meRoute } from "@/src/http/routes/account";

export const GET = meRoute;
