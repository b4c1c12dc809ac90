import { listOutboxRoute } from "@/src/http/routes/outbox";

export const GET = listOutboxRoute;
