import { listAuditRoute } from "@/src/http/routes/audit";

export const GET = listAuditRoute;
