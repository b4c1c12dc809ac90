import { listApprovalRequestsRoute } from "@/src/http/routes/approval-requests";

export const GET = listApprovalRequestsRoute;
