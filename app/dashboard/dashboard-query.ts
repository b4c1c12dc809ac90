// The dashboard's filters as they travel in the URL (docs/rules/dashboard.md, "The page"): a period
// preset or a custom range, a team, a rep and a process, read leniently (an unknown preset is this
// quarter, an empty field is no filter) so a shared link always opens; the server still checks each
// value against the actor's scope.
import { z } from "zod";
import { toCalendarDate } from "@/src/domain/dates";
import { FIGURE_PARAMS, type FigureRef } from "@/src/domain/metrics/deal-figures";
import { PERIOD_PRESETS, type Period, periodProblem, presetPeriod } from "@/src/domain/metrics/period";

export type SearchParams = Record<string, string | string[] | undefined>;

const PERIOD_CHOICES = [...PERIOD_PRESETS, "custom"] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

export const PERIOD_LABELS: Record<PeriodChoice, string> = {
  this_quarter: "This quarter",
  this_month: "This month",
  last_quarter: "Last quarter",
  this_year: "This year",
  custom: "Custom range",
};

const optional = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.string().max(100).optional());
const day = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.iso.date().optional().catch(undefined));

const Filters = z.object({
  period: z.enum(PERIOD_CHOICES).catch("this_quarter").default("this_quarter"),
  from: day,
  to: day,
  teamId: optional,
  ownerId: optional,
  processKey: optional,
});

export type DashboardFilters = {
  period: PeriodChoice;
  from?: string;
  to?: string;
  teamId?: string;
  ownerId?: string;
  processKey?: string;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function readFilters(params: SearchParams): DashboardFilters {
  const raw = Object.fromEntries(["period", "from", "to", "teamId", "ownerId", "processKey"].map((k) => [k, first(params[k])]));
  const parsed = Filters.parse(raw);
  // A link with from and to but no period is a custom range.
  const period = raw.period === undefined && parsed.from && parsed.to ? "custom" : parsed.period;
  return { ...parsed, period };
}

/** The period the filters name, and what was wrong with a custom range (then this quarter is shown). */
export function periodOf(filters: DashboardFilters, now = new Date()): { period: Period; problem: string | null } {
  const today = toCalendarDate(now);
  if (filters.period !== "custom") return { period: presetPeriod(filters.period, today), problem: null };
  if (!filters.from || !filters.to)
    return { period: presetPeriod("this_quarter", today), problem: "Choose both a first and a last day for a custom range." };
  const problem = periodProblem({ from: filters.from, to: filters.to });
  if (problem)
    return {
      period: presetPeriod("this_quarter", today),
      problem:
        problem.message === "must be on or after from"
          ? "The last day must be on or after the first day."
          : "A custom range may span at most ten years.",
    };
  return { period: { from: filters.from, to: filters.to }, problem: null };
}

/** The filters as query parameters, without the empty ones. */
export function filterParams(filters: DashboardFilters): URLSearchParams {
  const p = new URLSearchParams();
  p.set("period", filters.period);
  if (filters.period === "custom") {
    if (filters.from) p.set("from", filters.from);
    if (filters.to) p.set("to", filters.to);
  }
  if (filters.teamId) p.set("teamId", filters.teamId);
  if (filters.ownerId) p.set("ownerId", filters.ownerId);
  if (filters.processKey) p.set("processKey", filters.processKey);
  return p;
}

/** The list of deals behind one number, in the dashboard's scope. */
export function dealsHref(filters: DashboardFilters, ref: FigureRef): string {
  const p = filterParams(filters);
  p.set("figure", ref.figure);
  for (const key of FIGURE_PARAMS) if (ref[key]) p.set(key, ref[key]);
  return `/dashboard/deals?${p.toString()}`;
}
