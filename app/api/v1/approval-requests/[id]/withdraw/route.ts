import { withdrawApprovalRequestRoute } from "@/src/http/routes/approval-requests";

export const POST = withdrawApprovalRequestRoute;
