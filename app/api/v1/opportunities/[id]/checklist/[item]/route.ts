import { actOnChecklistItemRoute } from "@/src/http/routes/closing";

export const POST = actOnChecklistItemRoute;
