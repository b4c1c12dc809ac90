import type { Prisma } from "../../generated/prisma/client";
import type { Tx } from "../db";
import { addDays, fromCalendarDate, toCalendarDate } from "../../domain/dates";

/** Where open deals sit: each process version and stage key that holds at least one. */
type Placement = { processVersionId: string; stageKey: string };

/**
 * Open deals that are stalled, as `stallReasons` (src/domain/opportunities/stalled.ts) decides for
 * one deal, counted in the database: the next step is due before today, or more calendar days than
 * the stage's limit have passed since the day the deal entered it. The limit belongs to the version
 * a deal follows, so each (version, stage) pair present gets its own condition in the one count.
 */
export async function countStalledDeals(
  tx: Tx,
  openDeals: Prisma.OpportunityWhereInput,
  placements: readonly Placement[],
  now: Date,
): Promise<number> {
  const limits = placements.length
    ? await tx.stage.findMany({
        where: {
          stallDays: { not: null },
          OR: placements.map((p) => ({ processVersionId: p.processVersionId, key: p.stageKey })),
        },
        select: { processVersionId: true, key: true, stallDays: true },
      })
    : [];
  const today = toCalendarDate(now);
  return tx.opportunity.count({
    where: {
      AND: [
        openDeals,
        {
          OR: [
            { nextStepDue: { lt: fromCalendarDate(today) } },
            ...limits.map((l) => ({
              processVersionId: l.processVersionId,
              stageKey: l.key,
              // days from the entry day to today > limit  ⇔  entered before (today − limit) 00:00 UTC
              stageEnteredAt: { lt: fromCalendarDate(addDays(today, -l.stallDays!)) },
            })),
          ],
        },
      ],
    },
  });
}
