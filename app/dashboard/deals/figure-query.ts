// Which number's deals the list shows, and how it is sorted and paged, as they travel in the URL.
import { z } from "zod";
import { DEAL_FIGURES, DEAL_SORTS, type DealSort, FIGURE_PARAMS, type FigureRef } from "@/src/domain/metrics/deal-figures";
import { AppError } from "@/src/errors";
import type { Period } from "@/src/domain/metrics/period";
import type { DealsBehindRequest } from "@/src/server/metrics/deals-behind";
import type { DashboardFilters, SearchParams } from "../dashboard-query";

const text = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.string().max(200).optional());

const Figure = z.object({
  figure: z.enum(DEAL_FIGURES),
  stage: text,
  category: text,
  kind: text,
  name: text,
  since: text,
  sort: z.enum(DEAL_SORTS).catch("closeDate").default("closeDate"),
  direction: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type FigureQuery = { ref: FigureRef; sort: DealSort; direction: "asc" | "desc"; page: number };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The figure asked for; a missing or unknown one is a 400 naming `figure`. */
export function readFigure(params: SearchParams): FigureQuery {
  const raw = Object.fromEntries(["figure", ...FIGURE_PARAMS, "sort", "direction", "page"].map((k) => [k, first(params[k])]));
  const parsed = Figure.safeParse(raw);
  if (!parsed.success)
    throw new AppError("VALIDATION_FAILED", "figure: not a number of the dashboard", {
      fields: [{ field: "figure", message: "not a number of the dashboard" }],
    });
  const { sort, direction, page, ...ref } = parsed.data;
  return { ref, sort, direction, page };
}

/**
 * What the list and its download ask dealsBehind for: the dashboard's scope, the figure, its order and
 * one page. A movement without `since` starts, as on the dashboard, from the period's first day, so
 * the list's own filters can change the period.
 */
export const dealsBehindRequest = (
  period: Period,
  filters: DashboardFilters,
  figure: FigureQuery,
  page: { offset?: number; limit: number },
): DealsBehindRequest => ({
  ...period,
  teamId: filters.teamId,
  ownerId: filters.ownerId,
  processKey: filters.processKey,
  ...figure.ref,
  ...(figure.ref.figure === "movement" && !figure.ref.since ? { since: period.from } : {}),
  sort: figure.sort,
  direction: figure.direction,
  ...page,
});
