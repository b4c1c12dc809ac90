// The close date never changes silently (docs/rules/deal-tracking.md, "The close date"): every change keeps
// the old and new date, who and why; a later date needs a reason and counts as a push.
import { daysBetween, type CalendarDate } from "../dates";

export type CloseDateChange =
  | { ok: true; changed: false }
  | { ok: true; changed: true; oldDate: CalendarDate; newDate: CalendarDate; slipDays: number; isPush: boolean; reason: string }
  | { ok: false; field: "reason"; message: string };

/** A close date moved later is a push: it needs a reason, and counts in the deal's pushes. */
export const isCloseDatePush = (oldDate: CalendarDate, newDate: CalendarDate) => newDate > oldDate;

export function planCloseDateChange(oldDate: CalendarDate, newDate: CalendarDate, reason: string | undefined): CloseDateChange {
  if (oldDate === newDate) return { ok: true, changed: false };
  const slipDays = daysBetween(oldDate, newDate);
  const isPush = isCloseDatePush(oldDate, newDate);
  const why = reason?.trim() ?? "";
  if (isPush && !why) return { ok: false, field: "reason", message: "moving the close date later needs a reason" };
  return { ok: true, changed: true, oldDate, newDate, slipDays, isPush, reason: why };
}
