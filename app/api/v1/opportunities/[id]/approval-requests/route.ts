import { submitApprovalRequestRoute } from "@/src/http/routes/approval-requests";

export const POST = submitApprovalRequestRoute;
