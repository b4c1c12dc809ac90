// The board's filters as a query string, without the defaults: the board's shareable address.
// Kept free of zod so the filter bar can use it in the browser.
export const CLOSE_PERIODS = ["this_month", "next_month", "this_quarter", "next_quarter", "this_year"] as const;
export type ClosePeriod = (typeof CLOSE_PERIODS)[number];

export type BoardFilterValues = {
  owner?: string;
  period?: ClosePeriod;
  min?: number;
  max?: number;
  stalled: boolean;
  q?: string;
};

export function boardQuery(filters: BoardFilterValues): string {
  const params = new URLSearchParams();
  if (filters.owner) params.set("owner", filters.owner);
  if (filters.period) params.set("period", filters.period);
  if (filters.min !== undefined) params.set("min", String(filters.min));
  if (filters.max !== undefined) params.set("max", String(filters.max));
  if (filters.stalled) params.set("stalled", "1");
  if (filters.q) params.set("q", filters.q);
  return params.toString();
}
