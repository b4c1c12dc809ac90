// The re-engagement plays in words, for the deal page's card and the reminders page: when a touch is
// due, and how a play ended. Dates are calendar dates (UTC), as the rules read them.
import type { PlayEnding } from "@/src/domain/closing/plays";
import { formatDate } from "../_lib/format";

type Touch = { dueOn: string; doneAt: string | null; due: boolean };

const DAY_MS = 86_400_000;
const daysFrom = (today: string, date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);

/** "Due today", "Overdue since Mar 3, 2027 (4 days)", "Due in 12 days, Mar 15, 2027", "Done Mar 16, 2027". */
export function touchInWords(touch: Touch, today: string): string {
  if (touch.doneAt) return `Done ${formatDate(touch.doneAt.slice(0, 10))}`;
  const days = daysFrom(today, touch.dueOn);
  if (days === 0) return "Due today";
  if (days < 0) return `Overdue since ${formatDate(touch.dueOn)} (${-days} ${days === -1 ? "day" : "days"})`;
  return `Due in ${days} ${days === 1 ? "day" : "days"}, ${formatDate(touch.dueOn)}`;
}

export const ENDED_IN_WORDS: Record<PlayEnding, string> = {
  reopened: "Ended: the deal was re-opened",
  buyer_answered: "Ended: the buyer answered",
  closed: "Closed",
  last_touch: "Ended after the last touch",
};
