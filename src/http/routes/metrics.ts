import { toCalendarDate } from "../../domain/dates";
import { periodProblem, presetPeriod } from "../../domain/metrics/period";
import { AppError } from "../../errors";
import { MetricsQuery, MetricsResponse } from "../../schemas/metrics";
import { getMetrics } from "../../server/metrics/get-metrics";
import { metricsCsv } from "../../server/metrics/metrics-csv";
import { apiRoute } from "../api-route";

/** Whether the caller asked for CSV rather than JSON. */
export const wantsCsv = (req: Request) => /\btext\/csv\b/i.test(req.headers.get("accept") ?? "");

export const getMetricsRoute = apiRoute(
  {
    method: "GET",
    path: "/metrics",
    summary:
      "The dashboard's figures for a period (this quarter by default), a team or a rep, and a process: win rates, conversion by stage, sales velocity, balance, forecast, data integrity, losses, slippage. Accept: text/csv answers them as CSV.",
    tag: "Dashboard",
    query: MetricsQuery,
    response: MetricsResponse,
    errors: ["VALIDATION_FAILED", "FORBIDDEN"],
  },
  async ({ actor, query, req }) => {
    const now = new Date();
    const period = query.from && query.to ? { from: query.from, to: query.to } : presetPeriod("this_quarter", toCalendarDate(now));
    const problem = periodProblem(period);
    if (problem) throw new AppError("VALIDATION_FAILED", `${problem.field}: ${problem.message}`, { fields: [problem] });
    const metrics = await getMetrics(actor, { ...query, ...period }, now);
    if (!wantsCsv(req)) return metrics;
    return new Response(metricsCsv(metrics), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="stageline-metrics-${period.from}-${period.to}.csv"`,
      },
    });
  },
);
