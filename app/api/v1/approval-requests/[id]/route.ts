import { getApprovalRequestRoute } from "@/src/http/routes/approval-requests";

export const GET = getApprovalRequestRoute;
