// The close plan, "start with the end in mind" (002): steps worked back from the target decision
// date. Steps are shown in due order with how far each sits before the decision.
import { addDays, daysBetween, type CalendarDate } from "../dates";

export type PlanStep = { id: string; title: string; dueDate: CalendarDate | null; done: boolean };

/** Who a step belongs to: one of us (a user), or a person at the buyer named in words. */
export type PlanStepOwner = { ownerUserId: string | null; ownerName: string };

/** A step counts toward a `plan` exit criterion once it has an owner and a due date (docs/rules/deal-tracking.md). */
export const isPlanStepReady = (step: PlanStepOwner & { dueDate: CalendarDate | null }) =>
  (!!step.ownerUserId || step.ownerName.trim() !== "") && step.dueDate !== null;

export type ArrangedStep<S extends PlanStep> = S & {
  /** Days between the step and the decision date (negative: due after the decision, which is late). */
  daysBeforeDecision: number | null;
  isAfterDecision: boolean;
  isOverdue: boolean;
};

/** `today` is null for a closed deal: its plan is history, and nothing in it is overdue. */
export function arrangeClosePlan<S extends PlanStep>(steps: readonly S[], closeDate: CalendarDate, today: CalendarDate | null): ArrangedStep<S>[] {
  return [...steps]
    .sort((a, b) => (a.dueDate ?? "9999-12-31").localeCompare(b.dueDate ?? "9999-12-31") || a.title.localeCompare(b.title))
    .map((s) => ({
      ...s,
      daysBeforeDecision: s.dueDate ? daysBetween(s.dueDate, closeDate) : null,
      isAfterDecision: s.dueDate !== null && s.dueDate > closeDate,
      isOverdue: today !== null && !s.done && s.dueDate !== null && s.dueDate < today,
    }));
}

/** Typical steps of a B2B close, counted back from the decision date and never before today. */
const TYPICAL_STEPS: [string, number][] = [
  ["Technical validation signed off by the buyer's team", 35],
  ["Business case approved by the economic buyer", 28],
  ["Security and procurement review complete", 21],
  ["Legal review of MSA and order form complete", 10],
  ["Final signature package sent", 5],
  ["Contract signed", 0],
];

export function suggestClosePlan(closeDate: CalendarDate, today: CalendarDate): { title: string; dueDate: CalendarDate }[] {
  return TYPICAL_STEPS.map(([title, before]) => {
    const due = addDays(closeDate, -before);
    return { title, dueDate: due < today ? today : due };
  });
}
