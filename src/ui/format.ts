// Display formats. Money arrives as integer cents; calendar dates as UTC-midnight Dates.

export function formatMoney(cents: bigint | number, currency = "USD", options: { compact?: boolean } = {}): string {
  const amount = Number(cents) / 100;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    notation: options.compact ? "compact" : "standard",
    minimumFractionDigits: options.compact || Number.isInteger(amount) ? 0 : 2,
    maximumFractionDigits: options.compact ? 1 : Number.isInteger(amount) ? 0 : 2,
  }).format(amount);
}

/** A `date` column (close date, next step due): shown as the calendar day it names. */
export function formatDay(date: Date, options: { withYear?: boolean } = {}): string {
  return date.toLocaleDateString("en-US", {
    timeZone: "UTC",
    month: "short",
    day: "numeric",
    year: options.withYear ? "numeric" : undefined,
  });
}

/** A moment (created, last used), in the server's calendar. */
export function formatMoment(date: Date): string {
  return date.toLocaleString("en-US", { month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
}

export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/** "Sam Okafor" → "SO": the avatar's letters. */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
