import { createTokenRoute } from "@/src/http/routes/account";

export const POST = createTokenRoute;
