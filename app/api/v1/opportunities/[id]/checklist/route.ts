import { getChecklistRoute } from "@/src/http/routes/closing";

export const GET = getChecklistRoute;
