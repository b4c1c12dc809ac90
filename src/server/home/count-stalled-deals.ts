import type { Prisma } from "../../generated/prisma/client";
import type { Reader } from "../db";
import { stalledWhere } from "../stalled/stalled-where";

/** Where open deals sit: each process version and stage key that holds at least one. */
type Placement = { processVersionId: string; stageKey: string };

/**
 * Open deals that are stalled (src/server/stalled), counted in the database. Only the limits of the
 * (version, stage) pairs that hold open deals are read.
 */
export async function countStalledDeals(
  tx: Reader,
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
  return tx.opportunity.count({ where: { AND: [openDeals, stalledWhere(limits, now)] } });
}
