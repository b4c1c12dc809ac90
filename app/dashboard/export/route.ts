// The dashboard's figures as CSV, for the page's download link: the same CSV as GET /api/v1/metrics
// with Accept: text/csv, for the signed-in user's session and the filters in the URL.
import { currentActor } from "@/src/auth/current-actor";
import { AppError } from "@/src/errors";
import { getMetrics } from "@/src/server/metrics/get-metrics";
import { metricsCsv } from "@/src/server/metrics/metrics-csv";
import { periodOf, readFilters } from "../dashboard-query";
import { csvAnswer } from "../csv-answer";

export async function GET(req: Request): Promise<Response> {
  return csvAnswer(async () => {
    const actor = await currentActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to download the figures.");
    const filters = readFilters(Object.fromEntries(new URL(req.url).searchParams));
    const now = new Date();
    const { period } = periodOf(filters, now);
    const metrics = await getMetrics(actor, { ...period, teamId: filters.teamId, ownerId: filters.ownerId, processKey: filters.processKey }, now);
    return { body: metricsCsv(metrics), fileName: `stageline-metrics-${period.from}-${period.to}.csv` };
  });
}
