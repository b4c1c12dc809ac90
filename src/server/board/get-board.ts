// The pipeline board: a column per open stage with its count, total and weighted amount (summed in
// the database) and the first page of its cards; Closed Won and Closed Lost as drop targets with
// the deals closed in the period. Every query is inside visibleOpportunities(actor).
import type { Actor } from "../../auth/actor";
import { can, visibleOpportunities } from "../../auth/authorize";
import { toCalendarDate } from "../../domain/dates";
import type { ExitCriterion } from "../../domain/process/types";
import { database, db, type Reader } from "../db";
import { getLatestProcessVersion } from "../process/get-process-version";
import type { BoardCard } from "./board-card";
import type { BoardFilters } from "./board-filters";
import { closedGroups, closedTotals, openTotals, type Totals } from "./board-totals";
import { loadStallLimits, loadVersionIds, openDealsWhere, scopeWhere } from "./board-where";
import { loadCardPages, type CardPage } from "./card-pages";
import { closePeriodRange } from "./close-period";
import { listOwnerOptions, type OwnerOption } from "./owner-options";
import { listProcessOptions, type ProcessOption } from "./process-options";

export type BoardStage = {
  key: string;
  name: string;
  order: number;
  kind: "open" | "won" | "lost";
  probability: number;
  exitCriteria: ExitCriterion[];
};
export type BoardColumn = Totals & { key: string; name: string; probability: number; cards: BoardCard[]; nextCursor: string | null };
export type ClosedTarget = { key: string; name: string; kind: "won" | "lost"; count: number; amountCents: number };

export type Board = {
  processKey: string;
  processName: string;
  /** The processes with open deals in the actor's view, and the default one: more than one offers a choice. */
  processes: ProcessOption[];
  /** Every stage with its exit criteria: the refused-move panel shows how to meet each. */
  stages: BoardStage[];
  columns: BoardColumn[];
  closed: ClosedTarget[];
  /** The period the closed totals cover, in words ("this quarter"). */
  closedPeriod: string;
  /** Whether a deal closed now counts in the closed totals (the period covers today). */
  closedIncludesToday: boolean;
  currency: string;
  otherCurrencyCount: number;
  /** False when the actor has no open deal at all, whatever the filters. */
  hasAnyOpenDeal: boolean;
  owners: OwnerOption[];
  canMove: boolean;
  canOverride: boolean;
};

/** What every board query starts from: the chosen (or default) process, its versions, and their stall limits. */
async function boardScope(tx: Reader, processKey: string | undefined) {
  const process = await getLatestProcessVersion(database().sql, processKey);
  const [versionIds, limits] = await Promise.all([loadVersionIds(tx, process.processId), loadStallLimits(tx, process.processId)]);
  return { process, versionIds, limits };
}

export async function getBoard(actor: Actor, filters: BoardFilters, now = new Date(), tx: Reader = db()): Promise<Board> {
  const { process, versionIds, limits } = await boardScope(tx, filters.process);
  const where = openDealsWhere(actor, filters, versionIds, limits, now);
  const open = process.stages.filter((s) => s.kind === "open");
  // Closed totals follow the close period; with none chosen, the current quarter.
  const today = toCalendarDate(now);
  const range = closePeriodRange(filters.period ?? "this_quarter", today);

  const [totals, closedByCurrency, pages, owners, processes] = await Promise.all([
    openTotals(tx, where),
    closedGroups(tx, scopeWhere(actor, filters, versionIds), range),
    loadCardPages(
      tx,
      actor,
      where,
      open.map((s) => ({ stageKey: s.key })),
      now,
    ),
    listOwnerOptions(tx, actor),
    listProcessOptions(tx, actor, process.processKey),
  ]);
  const closed = closedTotals(closedByCurrency, totals.currency);
  const shown = [...totals.byStage.values()].reduce((n, t) => n + t.count, 0);
  const hasAnyOpenDeal =
    shown > 0 || (await tx.opportunity.count({ where: { AND: [visibleOpportunities(actor), { status: "open" }] }, take: 1 })) > 0;

  return {
    processKey: process.processKey,
    processName: process.name,
    processes,
    stages: process.stages.map((s) => ({
      key: s.key,
      name: s.name,
      order: s.order,
      kind: s.kind,
      probability: s.probability,
      exitCriteria: s.exitCriteria,
    })),
    columns: open.map((s, i) => ({
      key: s.key,
      name: s.name,
      probability: s.probability,
      ...(totals.byStage.get(s.key) ?? { count: 0, amountCents: 0, weightedCents: 0 }),
      ...(pages[i] as CardPage),
    })),
    closed: process.stages
      .filter((s) => s.kind !== "open")
      .map((s) => ({ key: s.key, name: s.name, kind: s.kind as "won" | "lost", ...closed[s.kind as "won" | "lost"] })),
    closedPeriod: range.label,
    closedIncludesToday: range.from <= today && today < range.to,
    currency: totals.currency,
    otherCurrencyCount: totals.otherCurrencyCount,
    hasAnyOpenDeal,
    owners,
    canMove: can(actor, "opportunity.update"),
    canOverride: can(actor, "opportunity.override"),
  };
}

/** The next page of one column, for "load more" as the rep scrolls. */
export async function getColumnPage(
  actor: Actor,
  filters: BoardFilters,
  stageKey: string,
  cursor: string,
  now = new Date(),
  tx: Reader = db(),
): Promise<CardPage> {
  const { versionIds, limits } = await boardScope(tx, filters.process);
  const where = openDealsWhere(actor, filters, versionIds, limits, now);
  const [page] = await loadCardPages(tx, actor, where, [{ stageKey, cursor }], now);
  return page!;
}
