// The board's filters as a query string, without the defaults: the board's shareable address.
// Kept free of zod so the filter bar can use it in the browser.
export const CLOSE_PERIODS = ["this_month", "next_month", "this_quarter", "next_quarter", "this_year"] as const;
export type ClosePeriod = (typeof CLOSE_PERIODS)[number];

export type BoardFilterValues = {
  /** A process's key; none: the default process, the one new deals follow. */
  process?: string;
  owner?: string;
  period?: ClosePeriod;
  min?: number;
  max?: number;
  stalled: boolean;
  q?: string;
};

export function boardQuery(filters: BoardFilterValues): string {
  const params = new URLSearchParams();
  if (filters.process) params.set("process", filters.process);
  if (filters.owner) params.set("owner", filters.owner);
  if (filters.period) params.set("period", filters.period);
  if (filters.min !== undefined) params.set("min", String(filters.min));
  if (filters.max !== undefined) params.set("max", String(filters.max));
  if (filters.stalled) params.set("stalled", "1");
  if (filters.q) params.set("q", filters.q);
  return params.toString();
}

/** Whether any filter narrows the board. The process is where the board is, not a filter on it. */
export const isFiltered = (filters: BoardFilterValues) => boardQuery({ ...filters, process: undefined }) !== "";

/** The board without its filters, on the same process. */
export const unfilteredHref = (filters: Pick<BoardFilterValues, "process">) =>
  filters.process ? `/board?${boardQuery({ stalled: false, process: filters.process })}` : "/board";
