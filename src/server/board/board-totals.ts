// Each column's count, total and weighted amount, summed in the database. Weighted is amount ×
// the probability of the stage in the version each deal follows, applied per (version, stage) group.
import { fromCalendarDate } from "../../domain/dates";
import { mainCurrency } from "../../domain/money";
import type { ProcessVersion } from "../../domain/process/process-version";
import type { Prisma } from "../../generated/prisma/client";
import { database, type Reader } from "../db";
import { getProcessVersion } from "../process/get-process-version";
import type { PeriodRange } from "./close-period";

export type Totals = { count: number; amountCents: number; weightedCents: number };
export type OpenTotals = { currency: string; otherCurrencyCount: number; byStage: Map<string, Totals> };

const empty = (): Totals => ({ count: 0, amountCents: 0, weightedCents: 0 });

export async function openTotals(tx: Reader, where: Prisma.OpportunityWhereInput): Promise<OpenTotals> {
  const groups = await tx.opportunity.groupBy({
    by: ["processVersionId", "stageKey", "currency"],
    where,
    _count: { _all: true },
    _sum: { amountCents: true },
  });
  const currency = mainCurrency(groups.map((g) => ({ currency: g.currency, count: g._count._all })));
  const byStage = new Map<string, Totals>();
  let otherCurrencyCount = 0;
  for (const g of groups) {
    const process: ProcessVersion = await getProcessVersion(database().sql, g.processVersionId); // cached
    const probability = process.stages.find((s) => s.key === g.stageKey)?.probability ?? 0;
    const totals = byStage.get(g.stageKey) ?? empty();
    totals.count += g._count._all;
    if (g.currency === currency) {
      const sum = Number(g._sum.amountCents ?? 0n);
      totals.amountCents += sum;
      totals.weightedCents += Math.round((sum * probability) / 100);
    } else otherCurrencyCount += g._count._all;
    byStage.set(g.stageKey, totals);
  }
  return { currency, otherCurrencyCount, byStage };
}

/** Deals won and lost in the period (by the moment they closed), in the board's currency. */
/** Deals won and lost in the period, by status and currency: read beside the open totals. */
export async function closedGroups(tx: Reader, scope: Prisma.OpportunityWhereInput[], range: PeriodRange) {
  return tx.opportunity.groupBy({
    by: ["status", "currency"],
    where: {
      AND: [...scope, { status: { in: ["won", "lost"] } }, { closedAt: { gte: fromCalendarDate(range.from), lt: fromCalendarDate(range.to) } }],
    },
    _count: { _all: true },
    _sum: { amountCents: true },
  });
}

type ClosedGroups = Awaited<ReturnType<typeof closedGroups>>;

/** The closed groups counted, and summed in the board's currency. */
export function closedTotals(groups: ClosedGroups, currency: string) {
  const totals = { won: { count: 0, amountCents: 0 }, lost: { count: 0, amountCents: 0 } };
  for (const g of groups) {
    const t = totals[g.status as "won" | "lost"];
    t.count += g._count._all;
    if (g.currency === currency) t.amountCents += Number(g._sum.amountCents ?? 0n);
  }
  return totals;
}
