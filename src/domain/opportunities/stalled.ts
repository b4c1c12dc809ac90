// Stalled deals (docs/rules/deal-tracking.md): an open deal is stalled when its next step is overdue, or when it
// has sat in its stage longer than the stage allows.
import { daysBetween, toCalendarDate, type CalendarDate } from "../dates";

export type StallReason = "next_step_overdue" | "too_long_in_stage";

export type StallFacts = {
  status: string;
  nextStepDue: CalendarDate | null;
  stageEnteredAt: Date;
  stallDays: number | null;
};

export function stallReasons(deal: StallFacts, now: Date): StallReason[] {
  if (deal.status !== "open") return [];
  const today = toCalendarDate(now);
  const reasons: StallReason[] = [];
  if (deal.nextStepDue !== null && deal.nextStepDue < today) reasons.push("next_step_overdue");
  if (deal.stallDays !== null && daysBetween(toCalendarDate(deal.stageEnteredAt), today) > deal.stallDays) reasons.push("too_long_in_stage");
  return reasons;
}

export const isStalled = (deal: StallFacts, now: Date) => stallReasons(deal, now).length > 0;
