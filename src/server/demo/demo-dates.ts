// Date arithmetic for the demo planner. Instants are `Date`s; calendar dates (close dates, due dates)
// are `Date`s at UTC midnight, as the `@db.Date` columns take them.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY);

/** The calendar date of an instant, at UTC midnight. */
export const dayOf = (instant: Date) => new Date(Math.floor(instant.getTime() / DAY) * DAY);

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY);

/** Demo timestamps read better without seconds. */
export const toMinute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000);
