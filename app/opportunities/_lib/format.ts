// Display formats the opportunity pages add to src/ui/format.

const DAY_MS = 86_400_000;

/** "3 days ago", "in 2 hours", "just now": for the history, with the exact time beside it. */
export function relativeTime(iso: string, now: Date): string {
  const diff = new Date(iso).getTime() - now.getTime();
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
  if (abs < 60_000) return "just now";
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), "minute");
  if (abs < DAY_MS) return rtf.format(Math.round(diff / 3_600_000), "hour");
  if (abs < 30 * DAY_MS) return rtf.format(Math.round(diff / DAY_MS), "day");
  if (abs < 365 * DAY_MS) return rtf.format(Math.round(diff / (30 * DAY_MS)), "month");
  return rtf.format(Math.round(diff / (365 * DAY_MS)), "year");
}

/** A calendar date string (YYYY-MM-DD) as "Mar 31, 2027". */
export function formatDate(date: string, options: { withYear?: boolean } = { withYear: true }): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString("en-US", {
    timeZone: "UTC",
    month: "short",
    day: "numeric",
    year: options.withYear === false ? undefined : "numeric",
  });
}

/** Whole days from today to a calendar date (negative when it is past). */
export function daysFromToday(date: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((new Date(`${date}T00:00:00Z`).getTime() - today) / DAY_MS);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  if (days >= 1) return `${days} ${days === 1 ? "day" : "days"}`;
  const hours = Math.floor(seconds / 3600);
  if (hours >= 1) return `${hours} ${hours === 1 ? "hour" : "hours"}`;
  return "less than an hour";
}

export function signedDays(days: number): string {
  return `${days > 0 ? "+" : days < 0 ? "−" : ""}${Math.abs(days)} ${Math.abs(days) === 1 ? "day" : "days"}`;
}

/** The exact moment, for a tooltip beside a relative time. Fixed to UTC so that the server's
 * render and the browser's hydration agree. */
export function exactTime(iso: string): string {
  return `${new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
}

/** An answer to a qualification question as people read it: Yes/No, a date as "Mar 31, 2027", a number with separators. */
export function answerText(kind: "text" | "yes_no" | "number" | "date", answer: string | number | boolean): string {
  if (kind === "yes_no") return answer === true ? "Yes" : "No";
  if (kind === "date" && typeof answer === "string") return formatDate(answer);
  if (kind === "number" && typeof answer === "number") return answer.toLocaleString("en-US");
  return String(answer);
}
