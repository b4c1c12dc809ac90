import { moveDealsRoute, previewDealMovesRoute } from "@/src/http/routes/process";

export const GET = previewDealMovesRoute;
export const POST = moveDealsRoute;
