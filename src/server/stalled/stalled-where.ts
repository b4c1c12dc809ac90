// Stalled deals as a database condition, for counts and filters: the same rule that
// src/domain/opportunities/stalled.ts applies to one deal in memory.
import { addDays, fromCalendarDate, toCalendarDate } from "../../domain/dates";
import type { Prisma } from "../../generated/prisma/client";

/** A stage's stall limit in one process version. */
export type StallLimit = { processVersionId: string; key: string; stallDays: number | null };

/**
 * The next step is due before today, or more calendar days than the stage allows have passed since
 * the day the deal entered it. Limits belong to the version a deal follows, so each gets its own branch.
 */
export function stalledWhere(limits: readonly StallLimit[], now: Date): Prisma.OpportunityWhereInput {
  const today = toCalendarDate(now);
  return {
    OR: [
      { nextStepDue: { lt: fromCalendarDate(today) } },
      ...limits
        .filter((l) => l.stallDays !== null)
        .map((l) => ({
          processVersionId: l.processVersionId,
          stageKey: l.key,
          // days from the entry day to today > limit  ⇔  entered before (today − limit) 00:00 UTC
          stageEnteredAt: { lt: fromCalendarDate(addDays(today, -l.stallDays!)) },
        })),
    ],
  };
}
