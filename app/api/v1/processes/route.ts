import { listProcessesRoute, publishProcessRoute } from "@/src/http/routes/process";

export const GET = listProcessesRoute;
export const POST = publishProcessRoute;
