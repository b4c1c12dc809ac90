import { createDraftRoute, discardDraftRoute, getDraftRoute, replaceDraftRoute } from "@/src/http/routes/process";

export const GET = getDraftRoute;
export const POST = createDraftRoute;
export const PUT = replaceDraftRoute;
export const DELETE = discardDraftRoute;
