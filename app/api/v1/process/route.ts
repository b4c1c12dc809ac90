import { apiRoute } from "@/src/http/api-route";
import { describeActiveProcess } from "@/src/server/process/describe-process";

export const GET = apiRoute({}, async ({ actor }) => describeActiveProcess(actor));
