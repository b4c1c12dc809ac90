// The dashboard's figures (docs/rules/dashboard.md), each one aggregate query over the deals in scope:
// nothing is loaded into memory but the answers. Values are in one currency (the one most deals in
// scope use, unless asked for another); counts include every deal.
import { sql } from "kysely";
import { periodEnd, ratio } from "../../domain/metrics/period";
import { salesVelocity, type VelocityLevers } from "../../domain/metrics/velocity";
import { categoryLabel } from "../../domain/closing/loss-categories";
import { fromCents } from "../../domain/money";
import { getLossCategories } from "../closing/closing-settings";
import type { Sql } from "../db";
import { type MetricsScope, scopedDeals, scopeSql } from "./metrics-scope";

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const money = (cents: unknown) => fromCents(BigInt(String(cents ?? 0)));

/** The currency most deals in scope use; USD for an empty scope. */
export async function mainCurrencyOf(q: Sql, scope: MetricsScope): Promise<string> {
  // The deals alone: the scope is a condition on them, neither the owner nor the stage is needed.
  const { rows } = await sql<{ currency: string }>`SELECT o."currency"
    FROM "Opportunity" o
    WHERE ${scopeSql(scope)}
    GROUP BY o."currency" ORDER BY count(*) DESC, o."currency" LIMIT 1`.execute(q);
  return rows[0]?.currency ?? "USD";
}

/** Closed in the period: from its first day, 00:00 UTC, to the day after its last. */
export const closedIn = (scope: MetricsScope) =>
  sql`o."closedAt" >= CAST(${scope.period.from} AS date) AND o."closedAt" < CAST(${periodEnd(scope.period)} AS date)`;
export const dueIn = (scope: MetricsScope) => sql`o."closeDate" BETWEEN CAST(${scope.period.from} AS date) AND CAST(${scope.period.to} AS date)`;

export type WinRates = {
  won: number;
  lost: number;
  openDue: number;
  wonValue: number;
  lostValue: number;
  openDueValue: number;
  unitWinRate: number | null;
  valueWinRate: number | null;
  unitWinRateWithOpen: number | null;
  valueWinRateWithOpen: number | null;
};

export type Velocity = VelocityLevers & { perDay: number | null };

export async function winRatesAndVelocity(q: Sql, scope: MetricsScope, currency: string): Promise<{ winRates: WinRates; velocity: Velocity }> {
  const closed = closedIn(scope);
  const { rows } = await sql<Record<string, unknown>>`SELECT
      count(*) FILTER (WHERE o."status" = 'won' AND ${closed}) AS won,
      count(*) FILTER (WHERE o."status" = 'lost' AND ${closed}) AS lost,
      count(*) FILTER (WHERE o."status" = 'open' AND ${dueIn(scope)}) AS open_due,
      sum(o."amountCents") FILTER (WHERE o."status" = 'won' AND ${closed} AND o."currency" = ${currency}) AS won_value,
      sum(o."amountCents") FILTER (WHERE o."status" = 'lost' AND ${closed} AND o."currency" = ${currency}) AS lost_value,
      sum(o."amountCents") FILTER (WHERE o."status" = 'open' AND ${dueIn(scope)} AND o."currency" = ${currency}) AS open_due_value,
      count(*) FILTER (WHERE o."status" = 'won' AND ${closed} AND o."currency" = ${currency}) AS won_in_currency,
      avg(EXTRACT(EPOCH FROM (o."closedAt" - o."createdAt")) / 86400.0) FILTER (WHERE o."status" = 'won' AND ${closed}) AS cycle_days,
      count(*) FILTER (WHERE o."status" = 'open' AND s."kind" = 'open' AND s."order" >= 1) AS qualified
    FROM ${scopedDeals(scope)}
      -- Every figure above counts open deals or deals closed in the period: only those are read (by index).
      AND (o."status" = 'open' OR ${closed})`.execute(q);
  const r = rows[0]!;
  const won = n(r.won);
  const lost = n(r.lost);
  const openDue = n(r.open_due);
  const wonValue = money(r.won_value);
  const lostValue = money(r.lost_value);
  const openDueValue = money(r.open_due_value);
  const winRates: WinRates = {
    won,
    lost,
    openDue,
    wonValue,
    lostValue,
    openDueValue,
    unitWinRate: ratio(won, won + lost),
    valueWinRate: ratio(wonValue, wonValue + lostValue),
    unitWinRateWithOpen: ratio(won, won + lost + openDue),
    valueWinRateWithOpen: ratio(wonValue, wonValue + lostValue + openDueValue),
  };
  const levers: VelocityLevers = {
    qualifiedDeals: n(r.qualified),
    averageWonValue: n(r.won_in_currency) ? wonValue / n(r.won_in_currency) : null,
    winRate: winRates.unitWinRate,
    averageCycleDays: r.cycle_days === null ? null : Number(r.cycle_days),
  };
  return { winRates, velocity: { ...levers, perDay: salesVelocity(levers) } };
}

export type StageConversion = {
  stage: string;
  name: string;
  reached: number;
  won: number;
  reachedValue: number;
  wonValue: number;
  unitRate: number | null;
  valueRate: number | null;
};

/**
 * Of the deals closed in the period that reached each open stage (entered it at some point, by their
 * history: created in it, moved or re-opened into it), the share won, by count and by value.
 */
export async function conversionByStage(
  q: Sql,
  scope: MetricsScope,
  currency: string,
  /** `history`: every deal closed before the period ends, for the pipeline value factor. */
  window: "period" | "history" = "period",
): Promise<StageConversion[]> {
  const closedWhen = window === "period" ? closedIn(scope) : sql`o."closedAt" < CAST(${periodEnd(scope.period)} AS date)`;
  // Each deal's reached stages are kept on it (reached-stages.ts): one pass over the closed deals.
  const { rows } = await sql<Record<string, unknown>>`SELECT r."stage",
      count(*) AS reached,
      count(*) FILTER (WHERE c."status" = 'won') AS won,
      sum(c."amountCents") FILTER (WHERE c."currency" = ${currency}) AS reached_value,
      sum(c."amountCents") FILTER (WHERE c."status" = 'won' AND c."currency" = ${currency}) AS won_value
    FROM (
      SELECT o."status", o."amountCents", o."currency", o."reachedStages" FROM ${scopedDeals(scope)}
        AND o."status" IN ('won', 'lost') AND ${closedWhen}
    ) c CROSS JOIN LATERAL unnest(c."reachedStages") AS r("stage")
    GROUP BY r."stage"`.execute(q);
  const byKey = new Map(rows.map((r) => [String(r.stage), r]));
  const stages = await openStagesOf(q, scope);
  return stages.map((s) => {
    const r = byKey.get(s.key);
    const reached = n(r?.reached);
    const won = n(r?.won);
    const reachedValue = money(r?.reached_value);
    const wonValue = money(r?.won_value);
    return {
      stage: s.key,
      name: s.name,
      reached,
      won,
      reachedValue,
      wonValue,
      unitRate: ratio(won, reached),
      valueRate: ratio(wonValue, reachedValue),
    };
  });
}

/** The open stages of the scope's process, in order, with their probability and forecast category. */
export async function openStagesOf(q: Sql, scope: MetricsScope) {
  return q
    .selectFrom("Stage")
    .select(["key", "name", "order", "probability", "forecastCategory"])
    .where("processVersionId", "=", scope.process.versionId)
    .where("kind", "=", "open")
    .orderBy("order")
    .execute();
}

export type StageBalance = { stage: string; name: string; count: number; value: number; weightedValue: number };

/** Open deals in each stage of the process: how many, their value and their value weighted by the stage's probability. */
export async function balanceByStage(q: Sql, scope: MetricsScope, currency: string): Promise<StageBalance[]> {
  const { rows } = await sql<Record<string, unknown>>`SELECT o."stageKey" AS stage, count(*) AS count,
      sum(o."amountCents") FILTER (WHERE o."currency" = ${currency}) AS value,
      round(sum(o."amountCents" * s."probability") FILTER (WHERE o."currency" = ${currency}) / 100.0) AS weighted
    FROM ${scopedDeals(scope)} AND o."status" = 'open'
    GROUP BY o."stageKey"`.execute(q);
  const byKey = new Map(rows.map((r) => [String(r.stage), r]));
  return (await openStagesOf(q, scope)).map((s) => {
    const r = byKey.get(s.key);
    return { stage: s.key, name: s.name, count: n(r?.count), value: money(r?.value), weightedValue: money(r?.weighted) };
  });
}

export const FORECAST_ORDER = ["pipeline", "best_case", "commit", "closed"] as const;
export type ForecastLine = { category: (typeof FORECAST_ORDER)[number]; count: number; value: number };

/**
 * Open deals by their stage's forecast category (omitted ones left out), and Closed: the deals won
 * in the period. The weighted pipeline is the open deals' value × their stage's probability.
 */
export async function forecast(q: Sql, scope: MetricsScope, currency: string): Promise<{ byCategory: ForecastLine[]; weightedPipeline: number }> {
  const { rows } = await sql<Record<string, unknown>>`SELECT
      CASE WHEN o."status" = 'won' THEN 'closed' ELSE s."forecastCategory"::text END AS category,
      count(*) AS count,
      sum(o."amountCents") FILTER (WHERE o."currency" = ${currency}) AS value,
      round(sum(o."amountCents" * s."probability") FILTER (WHERE o."status" = 'open' AND o."currency" = ${currency}) / 100.0) AS weighted
    FROM ${scopedDeals(scope)} AND (o."status" = 'open' OR (o."status" = 'won' AND ${closedIn(scope)}))
    GROUP BY 1`.execute(q);
  const byKey = new Map(rows.map((r) => [String(r.category), r]));
  return {
    byCategory: FORECAST_ORDER.map((category) => ({ category, count: n(byKey.get(category)?.count), value: money(byKey.get(category)?.value) })),
    weightedPipeline: rows.reduce((sum, r) => sum + money(r.weighted), 0),
  };
}

export type DataIntegrity = {
  open: number;
  pastDueCloseDate: number;
  noNextStep: number;
  stalled: number;
  overridden: number;
  /** Open deals with at least one of the four. */
  any: number;
  share: { pastDueCloseDate: number | null; noNextStep: number | null; stalled: number | null; overridden: number | null; any: number | null };
};

/** The conditions of the data integrity figures, each over `o` and `s`, for counts and for the lists behind them. */
export const integrityConditions = (today: string) => ({
  pastDueCloseDate: sql<boolean>`o."closeDate" < CAST(${today} AS date)`,
  noNextStep: sql<boolean>`btrim(o."nextStep") = ''`,
  // src/domain/opportunities/stalled.ts: the next step overdue, or longer in the stage than it allows.
  stalled: sql<boolean>`(o."nextStepDue" < CAST(${today} AS date) OR (s."stallDays" IS NOT NULL AND o."stageEnteredAt" < CAST(${today} AS date) - s."stallDays"))`,
  overridden: sql<boolean>`o."overriddenAt" IS NOT NULL`,
});

export async function dataIntegrity(q: Sql, scope: MetricsScope, today: string): Promise<DataIntegrity> {
  const c = integrityConditions(today);
  const { rows } = await sql<Record<string, unknown>>`SELECT count(*) AS open,
      count(*) FILTER (WHERE ${c.pastDueCloseDate}) AS past_due,
      count(*) FILTER (WHERE ${c.noNextStep}) AS no_next_step,
      count(*) FILTER (WHERE ${c.stalled}) AS stalled,
      count(*) FILTER (WHERE ${c.overridden}) AS overridden,
      count(*) FILTER (WHERE ${c.pastDueCloseDate} OR ${c.noNextStep} OR ${c.stalled} OR ${c.overridden}) AS any
    FROM ${scopedDeals(scope)} AND o."status" = 'open'`.execute(q);
  const r = rows[0]!;
  const open = n(r.open);
  const counts = {
    pastDueCloseDate: n(r.past_due),
    noNextStep: n(r.no_next_step),
    stalled: n(r.stalled),
    overridden: n(r.overridden),
    any: n(r.any),
  };
  return {
    open,
    ...counts,
    share: {
      pastDueCloseDate: ratio(counts.pastDueCloseDate, open),
      noNextStep: ratio(counts.noNextStep, open),
      stalled: ratio(counts.stalled, open),
      overridden: ratio(counts.overridden, open),
      any: ratio(counts.any, open),
    },
  };
}

/** `name` as stored (a loss category's key); `label` as people read it (the category's label from the settings). */
export type LossLine = { name: string; label: string; count: number; value: number };

/** Deals lost in the period by category, by competitor and by missing functionality ("none" left out of the last two). */
export async function lossAnalysis(
  q: Sql,
  scope: MetricsScope,
  currency: string,
): Promise<{ categories: LossLine[]; competitors: LossLine[]; missingFunctionality: LossLine[] }> {
  const by = async (column: "lostReasonCategory" | "lostCompetitor" | "lostMissingFunctionality") => {
    const { rows } = await sql<Record<string, unknown>>`SELECT btrim(o.${sql.ref(column)}) AS name, count(*) AS count,
        sum(o."amountCents") FILTER (WHERE o."currency" = ${currency}) AS value
      FROM ${scopedDeals(scope)} AND o."status" = 'lost' AND ${closedIn(scope)}
        AND o.${sql.ref(column)} IS NOT NULL AND btrim(o.${sql.ref(column)}) <> '' AND lower(btrim(o.${sql.ref(column)})) <> 'none'
      GROUP BY 1 ORDER BY count(*) DESC, 1`.execute(q);
    return rows.map((r) => ({ name: String(r.name), label: String(r.name), count: n(r.count), value: money(r.value) }));
  };
  const [categories, competitors, missingFunctionality, lossCategories] = await Promise.all([
    by("lostReasonCategory"),
    by("lostCompetitor"),
    by("lostMissingFunctionality"),
    getLossCategories(q),
  ]);
  return { categories: categories.map((c) => ({ ...c, label: categoryLabel(lossCategories, c.name) })), competitors, missingFunctionality };
}

export type Slippage = { ownerId: string; ownerName: string; pushes: number; daysSlipped: number };

/** Close dates pushed later in the period, per deal owner: how many times, and by how many days in all. */
export async function slippageByRep(q: Sql, scope: MetricsScope): Promise<Slippage[]> {
  const result = await sql<Record<string, unknown>>`SELECT o."ownerId" AS owner_id, u."name" AS owner_name,
      count(*) AS pushes, sum(c."newDate" - c."oldDate") AS days
    FROM "CloseDateChange" c
      JOIN "Opportunity" o ON o."id" = c."opportunityId"
      JOIN "User" u ON u."id" = o."ownerId"
    WHERE ${scopeSql(scope)} AND c."newDate" > c."oldDate"
      AND c."changedAt" >= CAST(${scope.period.from} AS date) AND c."changedAt" < CAST(${periodEnd(scope.period)} AS date)
    GROUP BY 1, 2 ORDER BY sum(c."newDate" - c."oldDate") DESC, 2`.execute(q);
  return result.rows.map((r) => ({ ownerId: String(r.owner_id), ownerName: String(r.owner_name), pushes: n(r.pushes), daysSlipped: n(r.days) }));
}
