import { activeProcessRoute } from "@/src/http/routes/process";

export const GET = activeProcessRoute;
