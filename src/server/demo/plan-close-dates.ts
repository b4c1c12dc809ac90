// A demo deal's close date and its changes. Each push is a CloseDateChange with a reason, and the
// deal's counters are derived from those rows, so the card and the history always agree (002).
import { DAY, addDays, dayOf, daysBetween, toMinute } from "./demo-dates";
import type { PlannedCloseDateChange } from "./demo-plan";
import type { Scenario } from "./demo-scenarios";
import { CLOSE_DATE_PUSH_REASONS } from "./demo-texts";
import type { Timeline } from "./plan-deal-timeline";
import type { Draw } from "./seeded-random";

export type CloseDates = {
  closeDate: Date;
  originalCloseDate: Date;
  closeDatePushes: number;
  closeDateSlipDays: number;
  changes: PlannedCloseDateChange[];
};

/** Days from today to an open deal's close date, by stage: later stages close sooner. */
const DAYS_TO_CLOSE: readonly (readonly [number, number])[] = [
  [45, 120],
  [30, 110],
  [14, 80],
  [5, 50],
  [0, 21],
];

function finalCloseDate(s: Scenario, t: Timeline, now: Date, d: Draw): Date {
  switch (s.outcome) {
    case "won":
      return dayOf(t.closedAt!);
    case "lost":
      return addDays(dayOf(t.closedAt!), d.int(0, 30));
    case "disqualified":
      return addDays(dayOf(t.createdAt), d.int(60, 120));
    case "open": {
      if (s.isPastDue) return addDays(dayOf(now), -d.int(1, 25));
      const [min, max] = DAYS_TO_CLOSE[s.stageIndex] ?? [14, 90];
      return addDays(dayOf(now), d.int(min, max));
    }
  }
}

export function planCloseDates(s: Scenario, t: Timeline, now: Date, d: Draw): CloseDates {
  const closeDate = finalCloseDate(s, t, now, d);
  let pushes = s.outcome === "disqualified" ? 0 : d.pick([0, 0, 0, 1, 1, 2]);
  if (s.isPastDue) pushes = Math.max(pushes, 1);
  const slips = Array.from({ length: pushes }, () => d.int(7, 45));
  let originalCloseDate = addDays(closeDate, -slips.reduce((a, b) => a + b, 0));
  // A first close date is never earlier than ten days after the deal was created.
  if (originalCloseDate.getTime() < dayOf(t.createdAt).getTime() + 10 * DAY) {
    slips.length = 0;
    originalCloseDate = closeDate;
  }
  const start = t.createdAt.getTime();
  const span = (t.closedAt ?? now).getTime() - start;
  const times = slips.map(() => start + (span * d.int(20, 90)) / 100).sort((a, b) => a - b);
  let oldDate = originalCloseDate;
  const changes = slips.map((slipDays, i): PlannedCloseDateChange => {
    const newDate = addDays(oldDate, slipDays);
    const change = { oldDate, newDate, slipDays, reason: d.pick(CLOSE_DATE_PUSH_REASONS), changedAt: toMinute(times[i]!) };
    oldDate = newDate;
    return change;
  });
  return {
    closeDate,
    originalCloseDate,
    closeDatePushes: changes.filter((c) => c.slipDays > 0).length,
    closeDateSlipDays: daysBetween(originalCloseDate, closeDate),
    changes,
  };
}
