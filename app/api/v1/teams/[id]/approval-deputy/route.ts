import { putApprovalDeputyRoute } from "@/src/http/routes/deal-desk-rules";

export const PUT = putApprovalDeputyRoute;
