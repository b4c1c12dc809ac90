import { decideApprovalRequestRoute } from "@/src/http/routes/approval-requests";

export const POST = decideApprovalRequestRoute;
