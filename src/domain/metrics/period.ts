// The dashboard's period (docs/rules/dashboard.md): a named one relative to today, or any range of
// calendar dates, both ends included.
import { addDays, type CalendarDate, daysBetween } from "../dates";

export const PERIOD_PRESETS = ["this_quarter", "this_month", "last_quarter", "this_year"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export type Period = { from: CalendarDate; to: CalendarDate };

const ymd = (y: number, m: number, d: number): CalendarDate => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const lastDay = (y: number, m: number): CalendarDate => ymd(y, m + 1, 0);

/** The preset's dates around `today` (UTC calendar). */
export function presetPeriod(preset: PeriodPreset, today: CalendarDate): Period {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3); // 0..3
  switch (preset) {
    case "this_month":
      return { from: ymd(y, m, 1), to: lastDay(y, m) };
    case "this_quarter":
      return { from: ymd(y, q * 3 + 1, 1), to: lastDay(y, q * 3 + 3) };
    case "last_quarter": {
      const [py, pq] = q === 0 ? [y - 1, 3] : [y, q - 1];
      return { from: ymd(py, pq * 3 + 1, 1), to: lastDay(py, pq * 3 + 3) };
    }
    case "this_year":
      return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
    default: {
      const never: never = preset;
      throw new Error(`Unknown period ${String(never)}`);
    }
  }
}

/** The longest range the dashboard computes over: ten years. */
export const MAX_PERIOD_DAYS = 3660;

export function periodProblem(period: Period): { field: "from" | "to"; message: string } | null {
  if (period.to < period.from) return { field: "to", message: "must be on or after from" };
  if (daysBetween(period.from, period.to) > MAX_PERIOD_DAYS) return { field: "to", message: "a period of at most ten years" };
  return null;
}

/** The instant after the period's last day: closed-in-period is `from <= closedAt < end`. */
export const periodEnd = (period: Period): CalendarDate => addDays(period.to, 1);

/** a ÷ b, or null when there is nothing to divide. */
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
