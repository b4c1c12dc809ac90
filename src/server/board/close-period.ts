// The board's close periods as half-open calendar ranges [from, to), in calendar (UTC) days like
// every close date. Quarters are calendar quarters.
import type { CalendarDate } from "../../domain/dates";
import type { ClosePeriod } from "./board-query";

export type PeriodRange = { from: CalendarDate; to: CalendarDate; label: string };

const iso = (y: number, m: number) => new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);

export const PERIOD_LABELS: Record<ClosePeriod, string> = {
  this_month: "This month",
  next_month: "Next month",
  this_quarter: "This quarter",
  next_quarter: "Next quarter",
  this_year: "This year",
};

export function closePeriodRange(period: ClosePeriod, today: CalendarDate): PeriodRange {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const month = m - 1;
  const quarter = month - (month % 3);
  const label = PERIOD_LABELS[period].toLowerCase();
  switch (period) {
    case "this_month":
      return { from: iso(y, month), to: iso(y, month + 1), label };
    case "next_month":
      return { from: iso(y, month + 1), to: iso(y, month + 2), label };
    case "this_quarter":
      return { from: iso(y, quarter), to: iso(y, quarter + 3), label };
    case "next_quarter":
      return { from: iso(y, quarter + 3), to: iso(y, quarter + 6), label };
    case "this_year":
      return { from: iso(y, 0), to: iso(y + 1, 0), label };
    default: {
      const never: never = period;
      throw new Error(`Unknown period ${String(never)}`);
    }
  }
}
