import { createTokenRoute } from "@/src/http/routes/account";
import { listTokensRoute } from "@/src/http/routes/tokens";

export const GET = listTokensRoute;
export const POST = createTokenRoute;
