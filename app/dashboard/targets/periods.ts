// The periods a target is usually set for, around today (UTC calendar): this quarter, next quarter and
// this year; anything else is a custom range. The dashboard reads a target set for exactly its period.
import { addDays, type CalendarDate } from "@/src/domain/dates";
import { type Period, presetPeriod } from "@/src/domain/metrics/period";

export const TARGET_PRESETS = ["this_quarter", "next_quarter", "this_year"] as const;
export type TargetPreset = (typeof TARGET_PRESETS)[number];
export type TargetPeriodChoice = TargetPreset | "custom";

export const TARGET_PERIOD_LABELS: Record<TargetPeriodChoice, string> = {
  this_quarter: "This quarter",
  next_quarter: "Next quarter",
  this_year: "This year",
  custom: "Custom dates",
};

export function targetPeriods(today: CalendarDate): Record<TargetPreset, Period> {
  const quarter = presetPeriod("this_quarter", today);
  return {
    this_quarter: quarter,
    next_quarter: presetPeriod("this_quarter", addDays(quarter.to, 1)),
    this_year: presetPeriod("this_year", today),
  };
}

/** The preset a period is, or custom. */
export function presetOf(period: Period, presets: Record<TargetPreset, Period>): TargetPeriodChoice {
  return TARGET_PRESETS.find((p) => presets[p].from === period.from && presets[p].to === period.to) ?? "custom";
}
