// Calendar dates travel as "YYYY-MM-DD" strings: no time zone can shift them by a day.
export type CalendarDate = string;

const DAY_MS = 86_400_000;

export function isCalendarDate(value: string): boolean {
  // Years 1900–9999: PostgreSQL has no year 0, and no deal closes before 1900.
  if (!/^(19|[2-9]\d)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const toCalendarDate = (d: Date): CalendarDate => d.toISOString().slice(0, 10);
export const fromCalendarDate = (d: CalendarDate): Date => new Date(`${d}T00:00:00Z`);

/** Whole days from a to b (positive when b is later). */
export const daysBetween = (a: CalendarDate, b: CalendarDate): number =>
  Math.round((fromCalendarDate(b).getTime() - fromCalendarDate(a).getTime()) / DAY_MS);

export const addDays = (d: CalendarDate, days: number): CalendarDate => toCalendarDate(new Date(fromCalendarDate(d).getTime() + days * DAY_MS));
