import { updateUserRoute } from "@/src/http/routes/admin";

export const PATCH = updateUserRoute;
