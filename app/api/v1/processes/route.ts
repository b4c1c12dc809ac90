import { apiRoute } from "@/src/http/api-route";
import { PublishProcessRequest } from "@/src/schemas/processes";
import { listProcesses, publishProcess } from "@/src/server/process/manage-processes";

export const GET = apiRoute({}, async ({ actor }) => listProcesses(actor));

export const POST = apiRoute({ body: PublishProcessRequest, status: 201 }, async ({ actor, body }) => publishProcess(actor, body));
