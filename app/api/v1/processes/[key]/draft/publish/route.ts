import { publishDraftRoute } from "@/src/http/routes/process";

export const POST = publishDraftRoute;
