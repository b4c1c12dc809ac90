import { inviteUserRoute } from "@/src/http/routes/admin";

export const POST = inviteUserRoute;
