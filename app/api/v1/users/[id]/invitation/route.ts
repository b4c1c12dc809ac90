import { resendInvitationRoute } from "@/src/http/routes/admin";

export const POST = resendInvitationRoute;
