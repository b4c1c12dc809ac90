import { toCalendarDate } from "../../domain/dates";
import { type Period, periodProblem, presetPeriod } from "../../domain/metrics/period";
import { AppError } from "../../errors";
import { TeamParams } from "../../schemas/deal-desk";
import {
  DealsBehindList,
  DealsBehindQuery,
  MetricsQuery,
  MetricsResponse,
  SetDealSizesRequest,
  SetTeamTargetRequest,
  TeamDashboardSettingsResponse,
} from "../../schemas/metrics";
import { CSV_MAX_ROWS, dealsBehind, dealsBehindCsv, dealsCsvFileName } from "../../server/metrics/deals-behind";
import { getMetrics } from "../../server/metrics/get-metrics";
import { metricsCsv } from "../../server/metrics/metrics-csv";
import { getTeamDashboardSettings, setDealSizes, setTeamTarget } from "../../server/metrics/team-settings";
import { apiRoute } from "../api-route";

/** The period asked for (both ends, or neither for this quarter), refused when backwards or too long. */
function periodOf(query: { from?: string; to?: string }, now: Date): Period {
  const period = query.from && query.to ? { from: query.from, to: query.to } : presetPeriod("this_quarter", toCalendarDate(now));
  const problem = periodProblem(period);
  if (problem) throw new AppError("VALIDATION_FAILED", `${problem.field}: ${problem.message}`, { fields: [problem] });
  return period;
}

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
    csv: true,
    errors: ["VALIDATION_FAILED", "FORBIDDEN"],
  },
  async ({ actor, query, req }) => {
    const now = new Date();
    const period = periodOf(query, now);
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

export const getTeamDashboardSettingsRoute = apiRoute(
  {
    method: "GET",
    path: "/teams/{id}/targets",
    summary: "A team's bookings targets by period and its rock and stone thresholds (its manager, or an admin).",
    tag: "Dashboard",
    params: TeamParams,
    response: TeamDashboardSettingsResponse,
    errors: ["FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params }) => getTeamDashboardSettings(actor, params.id),
);

export const setTeamTargetRoute = apiRoute(
  {
    method: "PUT",
    path: "/teams/{id}/targets",
    summary: "Set a team's bookings target for one period and currency (`amount: null` removes it): the pipeline value factor's goal.",
    tag: "Dashboard",
    params: TeamParams,
    body: SetTeamTargetRequest,
    response: TeamDashboardSettingsResponse,
    errors: ["VALIDATION_FAILED", "FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params, body }) => setTeamTarget(actor, params.id, body),
);

export const setDealSizesRoute = apiRoute(
  {
    method: "PUT",
    path: "/teams/{id}/deal-sizes",
    summary: "Set the amounts from which a team's deal is a rock or a stone (both null: the team's 80th and 40th percentile).",
    tag: "Dashboard",
    params: TeamParams,
    body: SetDealSizesRequest,
    response: TeamDashboardSettingsResponse,
    errors: ["VALIDATION_FAILED", "FORBIDDEN", "NOT_FOUND"],
  },
  async ({ actor, params, body }) => setDealSizes(actor, params.id, body),
);

/** A cursor is the offset of the page's first deal; the list is re-sorted on each request, so a page is an offset. */
const offsetOf = (cursor: string | undefined): number => {
  if (cursor === undefined) return 0;
  if (!/^\d{1,9}$/.test(cursor))
    throw new AppError("VALIDATION_FAILED", "cursor: not a cursor this list gave", {
      fields: [{ field: "cursor", message: "not a cursor this list gave" }],
    });
  return Number(cursor);
};

export const getDealsBehindRoute = apiRoute(
  {
    method: "GET",
    path: "/metrics/deals",
    summary:
      "The deals behind one number of the dashboard (figure, with its stage, category, kind, name or since), in the same scope as GET /metrics, so the list's total and value equal the number; sorted and paged. Accept: text/csv answers every deal of the list (at most 10,000) as CSV.",
    tag: "Dashboard",
    query: DealsBehindQuery,
    response: DealsBehindList,
    csv: true,
    errors: ["VALIDATION_FAILED", "FORBIDDEN"],
  },
  async ({ actor, query, req }) => {
    const now = new Date();
    const period = periodOf(query, now);
    const csv = wantsCsv(req);
    const offset = csv ? 0 : offsetOf(query.cursor);
    const list = await dealsBehind(actor, { ...query, ...period, offset, limit: csv ? CSV_MAX_ROWS : query.limit }, now);
    if (csv)
      return new Response(await dealsBehindCsv(list), {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${dealsCsvFileName(list)}"`,
        },
      });
    const next = offset + list.deals.length;
    return {
      label: list.label,
      period: list.period,
      currency: list.currency,
      total: list.total,
      value: list.value,
      valueNote: list.valueNote,
      items: list.deals,
      nextCursor: next < list.total ? String(next) : null,
    };
  },
);
