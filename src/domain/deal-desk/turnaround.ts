// The deal desk's target turnaround is counted in business hours: Monday to Friday, all day, in UTC
// (docs/rules/deal-desk.md#turnaround). A request made on Friday afternoon with a 24-hour target is
// due on Monday afternoon, not on Saturday.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BUSINESS_WEEK_HOURS = 5 * 24;

/** Saturday and Sunday (UTC) do not count. */
function isBusinessDay(dayStart: number): boolean {
  const weekday = new Date(dayStart).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

const startOfDay = (t: number) => t - (((t % DAY) + DAY) % DAY);

/** Business hours elapsed from `from` to `to` (0 when `to` is not after `from`), fractional. */
export function businessHoursBetween(from: Date, to: Date): number {
  let start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  let hours = 0;
  // Whole weeks first, so a request open for months costs a few steps, not one per day.
  const weeks = Math.floor((end - start) / (7 * DAY));
  hours += weeks * BUSINESS_WEEK_HOURS;
  start += weeks * 7 * DAY;
  while (start < end) {
    const nextDay = startOfDay(start) + DAY;
    const stop = Math.min(nextDay, end);
    if (isBusinessDay(startOfDay(start))) hours += (stop - start) / HOUR;
    start = stop;
  }
  return hours;
}

/** The moment `targetHours` business hours have passed since `createdAt`. */
export function turnaroundDueAt(createdAt: Date, targetHours: number): Date {
  let at = createdAt.getTime();
  let left = targetHours * HOUR;
  const weeks = Math.floor(targetHours / BUSINESS_WEEK_HOURS);
  // Whole weeks of business hours are whole calendar weeks, whatever day they start on.
  if (weeks > 0 && targetHours % BUSINESS_WEEK_HOURS !== 0) {
    at += weeks * 7 * DAY;
    left -= weeks * BUSINESS_WEEK_HOURS * HOUR;
  }
  for (;;) {
    const dayStart = startOfDay(at);
    const nextDay = dayStart + DAY;
    if (isBusinessDay(dayStart)) {
      if (at + left <= nextDay) return new Date(at + left);
      left -= nextDay - at;
    }
    at = nextDay;
  }
}

export type Turnaround = {
  /** Business hours the request has been waiting. */
  ageHours: number;
  targetHours: number;
  dueAt: Date;
  late: boolean;
};

/** How long a request has waited against its target; `now` is the decision time for a decided one. */
export function turnaround(createdAt: Date, targetHours: number, now: Date): Turnaround {
  const dueAt = turnaroundDueAt(createdAt, targetHours);
  return { ageHours: businessHoursBetween(createdAt, now), targetHours, dueAt, late: now.getTime() > dueAt.getTime() };
}
