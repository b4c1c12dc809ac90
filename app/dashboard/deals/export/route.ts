// The deals behind one number as CSV, for the deals list's download link: every deal of the list (at
// most 10,000), the same CSV as GET /api/v1/metrics/deals with Accept: text/csv.
import { currentActor } from "@/src/auth/current-actor";
import { AppError } from "@/src/errors";
import { CSV_MAX_ROWS, dealsBehind, dealsBehindCsv, dealsCsvFileName } from "@/src/server/metrics/deals-behind";
import { csvAnswer } from "../../csv-answer";
import { periodOf, readFilters } from "../../dashboard-query";
import { dealsBehindRequest, readFigure } from "../figure-query";

export async function GET(req: Request): Promise<Response> {
  return csvAnswer(async () => {
    const actor = await currentActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to download the deals.");
    const params = Object.fromEntries(new URL(req.url).searchParams);
    const filters = readFilters(params);
    const figure = readFigure(params);
    const now = new Date();
    const { period } = periodOf(filters, now);
    const list = await dealsBehind(actor, dealsBehindRequest(period, filters, figure, { limit: CSV_MAX_ROWS }), now);
    return { body: await dealsBehindCsv(list), fileName: dealsCsvFileName(list) };
  });
}
