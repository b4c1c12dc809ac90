import { updateProcessRoute } from "@/src/http/routes/process";

export const PATCH = updateProcessRoute;
