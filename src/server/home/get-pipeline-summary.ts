import type { Actor } from "../../auth/actor";
import { visibleOpportunities } from "../../auth/authorize";
import { openStages, type ProcessVersion } from "../../domain/process/process-version";
import type { Reader } from "../db";
import { addDays, fromCalendarDate, toCalendarDate } from "../../domain/dates";
import { mainCurrency } from "../../domain/money";
import { countStalledDeals } from "./count-stalled-deals";
import { findNextSteps, type NextStepRow } from "./find-next-steps";

export type StageTotal = { key: string; name: string; count: number; amountCents: bigint };

export type PipelineSummary = {
  /** The currency of the totals: the one most open deals use. */
  currency: string;
  /** Open deals in other currencies: counted, but not added into the totals. */
  otherCurrencyCount: number;
  stages: StageTotal[];
  openCount: number;
  openAmountCents: bigint;
  stalledCount: number;
  pastDueCloseCount: number;
  dueThisWeekCount: number;
  nextSteps: NextStepRow[];
};

const OTHER = { key: "(other)", name: "Other stages" };

/** The actor's visible open pipeline at a glance, every figure computed in the database. */
export async function getPipelineSummary(tx: Reader, actor: Actor, process: ProcessVersion, now: Date): Promise<PipelineSummary> {
  const open = { AND: [visibleOpportunities(actor), { status: "open" as const }] };
  const today = fromCalendarDate(toCalendarDate(now));
  const weekEnd = fromCalendarDate(addDays(toCalendarDate(now), 7));

  const groups = await tx.opportunity.groupBy({
    by: ["processVersionId", "stageKey", "currency"],
    where: open,
    _count: { _all: true },
    _sum: { amountCents: true },
  });
  const [stalledCount, pastDueCloseCount, dueThisWeekCount, nextSteps] = await Promise.all([
    countStalledDeals(tx, open, groups, now),
    tx.opportunity.count({ where: { AND: [open, { closeDate: { lt: today } }] } }),
    tx.opportunity.count({ where: { AND: [open, { nextStepDue: { gte: today, lt: weekEnd } }] } }),
    findNextSteps(tx, open, process, today, weekEnd),
  ]);

  const currency = mainCurrency(groups.map((g) => ({ currency: g.currency, count: g._count._all })));

  const stages: StageTotal[] = openStages(process).map((s) => ({ key: s.key, name: s.name, count: 0, amountCents: 0n }));
  const other: StageTotal = { ...OTHER, count: 0, amountCents: 0n };
  for (const g of groups) {
    const row = stages.find((s) => s.key === g.stageKey) ?? other;
    row.count += g._count._all;
    if (g.currency === currency) row.amountCents += g._sum.amountCents ?? 0n;
  }
  if (other.count > 0) stages.push(other);

  return {
    currency,
    otherCurrencyCount: groups.reduce((n, g) => (g.currency === currency ? n : n + g._count._all), 0),
    stages,
    openCount: stages.reduce((n, s) => n + s.count, 0),
    openAmountCents: stages.reduce((n, s) => n + s.amountCents, 0n),
    stalledCount,
    pastDueCloseCount,
    dueThisWeekCount,
    nextSteps,
  };
}
