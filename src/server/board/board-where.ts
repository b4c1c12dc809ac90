// The board's filters as one Prisma where clause, always inside what the actor may see.
import type { Actor } from "../../auth/actor";
import { visibleOpportunities } from "../../auth/authorize";
import { fromCalendarDate, toCalendarDate } from "../../domain/dates";
import { toCents } from "../../domain/money";
import type { Prisma } from "../../generated/prisma/client";
import type { Reader } from "../db";
import { stalledWhere, type StallLimit } from "../stalled/stalled-where";
import type { BoardFilters } from "./board-filters";
import { closePeriodRange } from "./close-period";

/** The stall limits of every version of a process: a handful of rows. */
export const loadStallLimits = (tx: Reader, processId: string) =>
  tx.stage.findMany({
    where: { stallDays: { not: null }, processVersion: { processId } },
    select: { processVersionId: true, key: true, stallDays: true },
  });

/** The versions of a process: deals of every version of it share the board (ids, not a join: cheaper per query). */
export const loadVersionIds = async (tx: Reader, processId: string) =>
  (await tx.processVersion.findMany({ where: { processId }, select: { id: true } })).map((v) => v.id);

/** Filters shared by the open columns and the closed totals: who, how much, which words. */
export function scopeWhere(actor: Actor, filters: BoardFilters, versionIds: string[]): Prisma.OpportunityWhereInput[] {
  const where: Prisma.OpportunityWhereInput[] = [visibleOpportunities(actor), { processVersionId: { in: versionIds } }];
  if (filters.owner) where.push({ ownerId: filters.owner === "mine" ? actor.id : filters.owner });
  if (filters.min !== undefined) where.push({ amountCents: { gte: toCents(filters.min) } });
  if (filters.max !== undefined) where.push({ amountCents: { lte: toCents(filters.max) } });
  if (filters.q) {
    // `contains` is a LIKE pattern: a searched % or _ must match itself, not any text.
    const text = filters.q.replace(/[\\%_]/g, "\\$&");
    where.push({
      OR: [{ name: { contains: text, mode: "insensitive" } }, { accountName: { contains: text, mode: "insensitive" } }],
    });
  }
  return where;
}

/** The open deals the board shows: the scope, the close period, and stalled-only. */
export function openDealsWhere(
  actor: Actor,
  filters: BoardFilters,
  versionIds: string[],
  limits: readonly StallLimit[],
  now: Date,
): Prisma.OpportunityWhereInput {
  const where = [...scopeWhere(actor, filters, versionIds), { status: "open" as const }];
  if (filters.period) {
    const range = closePeriodRange(filters.period, toCalendarDate(now));
    where.push({ closeDate: { gte: fromCalendarDate(range.from), lt: fromCalendarDate(range.to) } });
  }
  if (filters.stalled) where.push(stalledWhere(limits, now));
  return { AND: where };
}
