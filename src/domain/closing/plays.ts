// Re-engagement plays after a loss (docs/rules/closing.md, "Plays"): Raise the Dead revisits a lost
// deal on one date; Missed Connections reaches an unresponsive buyer on a short cadence of touches.
import { addDays, type CalendarDate, daysBetween } from "../dates";

export const PLAY_KINDS = ["raise_the_dead", "missed_connections"] as const;
export type PlayKind = (typeof PLAY_KINDS)[number];
export const PLAY_NAMES: Record<PlayKind, string> = { raise_the_dead: "Raise the Dead", missed_connections: "Missed Connections" };

/** Days after the loss of each Missed Connections touch, unless an admin set others. */
export const DEFAULT_CADENCE: readonly number[] = [14, 30, 60];
export const MAX_TOUCHES = 6;
/** A play looks at most two years ahead: further than that, the deal is a new deal. */
export const MAX_DAYS_AHEAD = 730;

/** The problems of a cadence an admin enters: one to six touches, each later than the one before. */
export function cadenceProblems(cadence: readonly number[]): string[] {
  if (cadence.length === 0) return ["Give at least one touch."];
  if (cadence.length > MAX_TOUCHES) return [`At most ${MAX_TOUCHES} touches.`];
  const problems: string[] = [];
  cadence.forEach((days, i) => {
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS_AHEAD)
      problems.push(`Touch ${i + 1}: a whole number of days from 1 to ${MAX_DAYS_AHEAD}.`);
    else if (i > 0 && days <= cadence[i - 1]!) problems.push(`Touch ${i + 1} must come after touch ${i}.`);
  });
  return problems;
}

/** What the rep might say on each touch: gentler as time passes, then a last door left open. */
export function suggestedMessage(touch: number, of: number, facts: { contact: string; account: string }): string {
  const hello = facts.contact ? `Hi ${facts.contact},` : "Hi,";
  if (touch === 1)
    return `${hello} I know things got busy at ${facts.account}. Is the project we discussed still on your list this quarter? Happy to pick up wherever suits you.`;
  if (touch < of)
    return `${hello} checking in once more about ${facts.account}'s project. If the timing has moved, tell me when to come back and I will.`;
  return `${hello} this is my last note for now. If the project comes back to life at ${facts.account}, reply here and we will start where we left off.`;
}

export type PlannedTouch = { dueOn: CalendarDate; message: string };

/** The touches of a Missed Connections play started on a date, each with its suggested message. */
export function missedConnectionsTouches(
  startedOn: CalendarDate,
  cadence: readonly number[],
  facts: { contact: string; account: string },
): PlannedTouch[] {
  return cadence.map((days, i) => ({ dueOn: addDays(startedOn, days), message: suggestedMessage(i + 1, cadence.length, facts) }));
}

/** A date to revisit, to snooze to, or of a touch: after today and within the horizon. */
export function revisitDateProblem(date: CalendarDate, today: CalendarDate): string | null {
  const ahead = daysBetween(today, date);
  if (ahead < 1) return "Pick a date after today.";
  if (ahead > MAX_DAYS_AHEAD) return "Pick a date within two years.";
  return null;
}

export const PLAY_ENDINGS = ["reopened", "buyer_answered", "closed", "last_touch"] as const;
export type PlayEnding = (typeof PLAY_ENDINGS)[number];

type TouchState = { dueOn: CalendarDate; doneAt: Date | null };

/**
 * A touch is due from its date until the rep records it; the reminder view lists due touches first,
 * then upcoming ones. A Missed Connections play ends by itself once its last touch is recorded.
 */
export const isDue = (touch: TouchState, today: CalendarDate) => touch.doneAt === null && touch.dueOn <= today;

export const endsAfterTouch = (kind: PlayKind, touches: readonly TouchState[]) =>
  kind === "missed_connections" && touches.every((t) => t.doneAt !== null);
