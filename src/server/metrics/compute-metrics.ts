// The dashboard's figures (docs/rules/dashboard.md), each one aggregate query over the deals in scope:
// nothing is loaded into memory but the answers. Values are in one currency (the one most deals in
// scope use, unless asked for another); counts include every deal.
import { type RawBuilder, sql } from "kysely";
import { periodEnd, ratio } from "../../domain/metrics/period";
import { salesVelocity, type VelocityLevers } from "../../domain/metrics/velocity";
import { categoryLabel } from "../../domain/closing/loss-categories";
import { fromCents } from "../../domain/money";
import { getLossCategories } from "../closing/closing-settings";
import type { Sql } from "../db";
import { type MetricsScope, type OpenStage, scopedDeals, scopeSql } from "./metrics-scope";
import { type SizeMix, sizeMixFrom, sizeOf, sizeThresholds, teamKey, thresholdsJson } from "./pipeline-factor";
import { SIZE_KINDS } from "../../domain/metrics/deal-figures";

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const money = (cents: unknown) => fromCents(BigInt(String(cents ?? 0)));

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

/** Every category a stage can forecast in (the enum ForecastCategory), for the weighted pipeline. */
const STAGE_FORECAST_CATEGORIES = ["pipeline", "best_case", "commit", "closed", "omitted"] as const;

export type PipelineFigures = {
  winRates: WinRates;
  velocity: Velocity;
  byStage: StageBalance[];
  forecast: { byCategory: ForecastLine[]; weightedPipeline: number };
  integrity: DataIntegrity;
  sizeMix: SizeMix;
};

/**
 * The figures over the open deals and the deals closed in the period, in one pass over them: win
 * rates and the sales velocity's levers, the balance per stage, the forecast by category, the data
 * integrity and the size mix (each open deal in the currency classed by its team's thresholds, which
 * the statement computes first). Each figure is a set of aggregates filtered to its own deals, as it
 * was when each figure read the deals on its own; the stages are the scope's (their keys known before
 * the statement).
 */
export async function pipelineFigures(q: Sql, scope: MetricsScope, currency: string, today: string): Promise<PipelineFigures> {
  const stages = await openStagesOf(q, scope);
  const closed = closedIn(scope);
  const open = sql`o."status" = 'open'`;
  const c = integrityConditions(today);
  // Each deal's conditions are computed once, in a subquery of their own (OFFSET 0 keeps it one). The
  // deals are then grouped by stage, forecast category and size class, a dozen groups or so: each
  // group's counts and sums give the balance per stage, the forecast per category and the size mix,
  // and the figures over every deal (win rates, velocity, integrity) are each group's part added up
  // over the groups by a window. A filtered aggregate per stage, category and class instead would
  // evaluate some forty more conditions per deal.
  const total = (name: string, part: RawBuilder<unknown>) => sql`sum(${part}) OVER () AS ${sql.ref(name)}`;
  const { rows } = await sql<Record<string, unknown>>`WITH thr AS ${sizeThresholds(scope, currency)}
    SELECT g.*, ${thresholdsJson} AS thresholds
    -- One row even when no deal is in scope: the thresholds, and empty figures.
    FROM (SELECT 1) AS one LEFT JOIN (
      SELECT d.stage, d.category, d.size,
        count(*) FILTER (WHERE d.open) AS open_count,
        sum(d.amount) FILTER (WHERE d.open AND d.in_currency) AS open_value,
        sum(d.weighted) FILTER (WHERE d.open AND d.in_currency) AS open_weighted,
        count(*) FILTER (WHERE d.forecast) AS forecast_count,
        sum(d.amount) FILTER (WHERE d.forecast AND d.in_currency) AS forecast_value,
        count(*) FILTER (WHERE d.size IS NOT NULL) AS size_count,
        sum(d.amount) FILTER (WHERE d.size IS NOT NULL) AS size_value,
        ${total("won", sql`count(*) FILTER (WHERE d.won)`)},
        ${total("lost", sql`count(*) FILTER (WHERE d.lost)`)},
        ${total("open_due", sql`count(*) FILTER (WHERE d.open_due)`)},
        ${total("won_value", sql`sum(d.amount) FILTER (WHERE d.won AND d.in_currency)`)},
        ${total("lost_value", sql`sum(d.amount) FILTER (WHERE d.lost AND d.in_currency)`)},
        ${total("open_due_value", sql`sum(d.amount) FILTER (WHERE d.open_due AND d.in_currency)`)},
        ${total("won_in_currency", sql`count(*) FILTER (WHERE d.won AND d.in_currency)`)},
        -- The average cycle of the won deals, as avg() gives it: their sum over their count.
        sum(sum(d.cycle_days) FILTER (WHERE d.won)) OVER () / NULLIF(sum(count(*) FILTER (WHERE d.won)) OVER (), 0) AS cycle_days,
        ${total("qualified", sql`count(*) FILTER (WHERE d.open AND d.qualified)`)},
        ${total("open", sql`count(*) FILTER (WHERE d.open)`)},
        ${total("past_due", sql`count(*) FILTER (WHERE d.open AND d.past_due)`)},
        ${total("no_next_step", sql`count(*) FILTER (WHERE d.open AND d.no_next_step)`)},
        ${total("stalled", sql`count(*) FILTER (WHERE d.open AND d.stalled)`)},
        ${total("overridden", sql`count(*) FILTER (WHERE d.open AND d.overridden)`)},
        ${total("any", sql`count(*) FILTER (WHERE d.open AND (d.past_due OR d.no_next_step OR d.stalled OR d.overridden))`)}
      FROM (
        SELECT
          (o."status" = 'won' AND ${closed}) AS won,
          (o."status" = 'lost' AND ${closed}) AS lost,
          (${open}) AS open,
          (${open} AND ${dueIn(scope)}) AS open_due,
          (o."currency" = ${currency}) AS in_currency,
          o."amountCents" AS amount,
          o."amountCents" * s."probability" AS weighted,
          EXTRACT(EPOCH FROM (o."closedAt" - o."createdAt")) / 86400.0 AS cycle_days,
          (s."kind" = 'open' AND s."order" >= 1) AS qualified,
          o."stageKey" AS stage,
          -- The forecast's deals (open, or won in the period) and group: Closed for a win, else the stage's category.
          (${open} OR (o."status" = 'won' AND ${closed})) AS forecast,
          CASE WHEN o."status" = 'won' THEN 'closed' ELSE s."forecastCategory"::text END AS category,
          ${c.pastDueCloseDate} AS past_due,
          ${c.noNextStep} AS no_next_step,
          ${c.stalled} AS stalled,
          ${c.overridden} AS overridden,
          -- The size mix's class of an open deal in the currency, by its team's thresholds (joined to those
          -- deals alone, as sizedDeals joins them: any other deal has no class).
          CASE WHEN thr.matched THEN ${sizeOf(sql.ref("o.amountCents"))} END AS size
        FROM ${scopedDeals(
          scope,
          sql`LEFT JOIN (SELECT thr.*, true AS matched FROM thr) thr ON ${open} AND o."currency" = ${currency} AND thr.team_key = ${teamKey(sql.ref("u.teamId"))}`,
        )}
          -- Every figure above counts open deals or deals closed in the period: only those are read (by index).
          AND (${open} OR ${closed})
        OFFSET 0
      ) d
      GROUP BY d.stage, d.category, d.size
    ) g ON true`.execute(q);
  const groups = rows.filter((g) => g.stage !== null && g.stage !== undefined);
  /** A count, a sum of cents, and a sum of weighted cents rounded to cents as round() does, over some groups. */
  const count = (of: Record<string, unknown>[], key: string) => of.reduce((sum, g) => sum + n(g[key]), 0);
  const cents = (of: Record<string, unknown>[], key: string) => of.reduce((sum, g) => sum + BigInt(String(g[key] ?? 0)), 0n);
  const roundedCents = (weighted: bigint) => (weighted < 0n ? -((-weighted + 50n) / 100n) : (weighted + 50n) / 100n);
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
  const byStage = stages.map((st) => {
    const of = groups.filter((g) => g.stage === st.key);
    return {
      stage: st.key,
      name: st.name,
      count: count(of, "open_count"),
      value: fromCents(cents(of, "open_value")),
      weightedValue: fromCents(roundedCents(cents(of, "open_weighted"))),
    };
  });
  const inCategory = (cat: string) => groups.filter((g) => g.category === cat);
  const forecast = {
    byCategory: FORECAST_ORDER.map((cat) => ({
      category: cat,
      count: count(inCategory(cat), "forecast_count"),
      value: fromCents(cents(inCategory(cat), "forecast_value")),
    })),
    // Each category's weighted pipeline rounded to cents, then added up.
    weightedPipeline: STAGE_FORECAST_CATEGORIES.reduce((sum, cat) => sum + fromCents(roundedCents(cents(inCategory(cat), "open_weighted"))), 0),
  };
  const openCount = n(r.open);
  const counts = {
    pastDueCloseDate: n(r.past_due),
    noNextStep: n(r.no_next_step),
    stalled: n(r.stalled),
    overridden: n(r.overridden),
    any: n(r.any),
  };
  const integrity: DataIntegrity = {
    open: openCount,
    ...counts,
    share: {
      pastDueCloseDate: ratio(counts.pastDueCloseDate, openCount),
      noNextStep: ratio(counts.noNextStep, openCount),
      stalled: ratio(counts.stalled, openCount),
      overridden: ratio(counts.overridden, openCount),
      any: ratio(counts.any, openCount),
    },
  };
  const sizes = Object.fromEntries(
    SIZE_KINDS.flatMap((k) => {
      const of = groups.filter((g) => g.size === k);
      return [
        [`${k}_count`, count(of, "size_count")],
        [`${k}_value`, cents(of, "size_value").toString()],
      ];
    }),
  );
  return {
    winRates,
    velocity: { ...levers, perDay: salesVelocity(levers) },
    byStage,
    forecast,
    integrity,
    sizeMix: sizeMixFrom({ ...sizes, thresholds: r.thresholds }),
  };
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
  return (await conversions(q, scope, currency, [window]))[window];
}

/**
 * The conversion from each open stage over one or both windows: `period` (closed in the period) and
 * `history` (closed before the period ends). Each deal's reached stages are kept on it
 * (reached-stages.ts); each stage's figures are aggregates filtered by `stage = ANY (reachedStages)`,
 * so nothing is unnested or sorted. Closed history comes from the closed deals' summary
 * (deal-summaries.ts) for the months before the one the period ends in, and from the deals for the
 * days of that month: one pass over the period's closed deals and a few rows per owner and month,
 * where it was a pass over every closed deal.
 */
export async function conversions<W extends "period" | "history">(
  q: Sql,
  scope: MetricsScope,
  currency: string,
  windows: readonly W[],
): Promise<Record<W, StageConversion[]>> {
  const stages = await openStagesOf(q, scope);
  if (!stages.length) return Object.fromEntries(windows.map((w) => [w, []])) as unknown as Record<W, StageConversion[]>;
  const history = windows.includes("history" as W);
  const end = periodEnd(scope.period);
  // History is summarised by the month deals closed in: the summary up to this month, the deals from it.
  const monthOfEnd = `${end.slice(0, 7)}-01`;
  const firstDay = history && monthOfEnd < scope.period.from ? monthOfEnd : scope.period.from;
  const fromDeals: Record<"period" | "history", RawBuilder<unknown>> = {
    period: closedIn(scope),
    history: sql`o."closedAt" >= CAST(${monthOfEnd} AS date)`,
  };
  // Each deal's conditions computed once (a subquery of its own, OFFSET 0 keeping it one): whether it
  // reached each stage and falls in each window, whether it was won, whether it is in the currency.
  const flags = [
    ...stages.map((s, i) => sql`(${s.key} = ANY (o."reachedStages")) AS ${sql.ref(`reached_${i}`)}`),
    ...windows.map((w) => sql`(${fromDeals[w]}) AS ${sql.ref(`in_${w}`)}`),
    sql`(o."status" = 'won') AS won`,
    sql`(o."currency" = ${currency}) AS in_currency`,
    sql`o."amountCents" AS amount`,
  ];
  const columns = windows.flatMap((w) =>
    stages.map((_, i) => {
      const reached = sql`d.${sql.ref(`reached_${i}`)} AND d.${sql.ref(`in_${w}`)}`;
      const col = (name: string) => sql.ref(`${w}_${name}_${i}`);
      return sql`count(*) FILTER (WHERE ${reached}) AS ${col("reached")},
        count(*) FILTER (WHERE ${reached} AND d.won) AS ${col("won")},
        sum(d.amount) FILTER (WHERE ${reached} AND d.in_currency) AS ${col("reached_value")},
        sum(d.amount) FILTER (WHERE ${reached} AND d.won AND d.in_currency) AS ${col("won_value")}`;
    }),
  );
  const stageIn = sql`o."stage" = ANY (CAST(${stages.map((s) => s.key)} AS text[]))`;
  const summarised = history
    ? sql`(SELECT json_agg(json_build_object('stage', k."stage", 'reached', k.reached, 'won', k.won, 'reached_value', k.reached_value::text,
          'won_value', k.won_value::text))
        FROM (
          SELECT o."stage", sum(o."reached") AS reached, sum(o."won") AS won,
            sum(o."reachedCents") FILTER (WHERE o."currency" = ${currency}) AS reached_value,
            sum(o."wonCents") FILTER (WHERE o."currency" = ${currency}) AS won_value
          FROM (
            -- Every month's (the totals), less the months from the one the period ends in (none yet, for
            -- a period that ends this month or later): a row per owner and stage, not one per month.
            SELECT o."ownerId", o."processVersionId", o."stage", o."currency", o."reached", o."won", o."reachedCents", o."wonCents"
            FROM "ClosedStageTotal" o WHERE ${stageIn}
            UNION ALL
            SELECT o."ownerId", o."processVersionId", o."stage", o."currency", -o."reached", -o."won", -o."reachedCents", -o."wonCents"
            FROM "ClosedStageCount" o WHERE o."month" >= CAST(${monthOfEnd} AS date) AND ${stageIn}
          ) o
          WHERE ${scopeSql(scope)}
          GROUP BY 1
        ) k)`
    : sql`NULL::json`;
  // The deals as every figure reads them (scopedDeals: with their owner and a stage of their version).
  const row =
    (
      await sql<Record<string, unknown>>`SELECT ${sql.join(columns)}, ${summarised} AS summarised
        FROM (
          SELECT ${sql.join(flags)}
          FROM ${scopedDeals(scope)} AND o."status" IN ('won', 'lost')
            AND o."closedAt" >= CAST(${firstDay} AS date) AND o."closedAt" < CAST(${end} AS date)
          OFFSET 0
        ) d`.execute(q)
    ).rows[0] ?? {};
  const summary = new Map(((row.summarised as Record<string, unknown>[] | null) ?? []).map((r) => [String(r.stage), r]));
  const cents = (v: unknown) => BigInt(String(v ?? 0));
  const of = (w: W) =>
    stages.map((s, i) => {
      const kept = w === "history" ? summary.get(s.key) : undefined;
      const reached = n(row[`${w}_reached_${i}`]) + n(kept?.reached);
      const won = n(row[`${w}_won_${i}`]) + n(kept?.won);
      const reachedValue = fromCents(cents(row[`${w}_reached_value_${i}`]) + cents(kept?.reached_value));
      const wonValue = fromCents(cents(row[`${w}_won_value_${i}`]) + cents(kept?.won_value));
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
  return Object.fromEntries(windows.map((w) => [w, of(w)])) as Record<W, StageConversion[]>;
}

/** The open stages of the scope's process, in order, with their probability and forecast category: read with the scope, else here. */
export async function openStagesOf(q: Sql, scope: MetricsScope): Promise<OpenStage[]> {
  if (scope.stages) return scope.stages;
  return q
    .selectFrom("Stage")
    .select(["key", "name", "order", "probability", sql<string>`"forecastCategory"::text`.as("forecastCategory")])
    .where("processVersionId", "=", scope.process.versionId)
    .where("kind", "=", "open")
    .orderBy("order")
    .execute();
}

export type StageBalance = { stage: string; name: string; count: number; value: number; weightedValue: number };

export const FORECAST_ORDER = ["pipeline", "best_case", "commit", "closed"] as const;
export type ForecastLine = { category: (typeof FORECAST_ORDER)[number]; count: number; value: number };

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

/** `name` as stored (a loss category's key); `label` as people read it (the category's label from the settings). */
export type LossLine = { name: string; label: string; count: number; value: number };

/** Deals lost in the period by category, by competitor and by missing functionality ("none" left out of the last two). */
export async function lossAnalysis(
  q: Sql,
  scope: MetricsScope,
  currency: string,
): Promise<{ categories: LossLine[]; competitors: LossLine[]; missingFunctionality: LossLine[] }> {
  // The lost deals read once, each list grouped from them.
  const columns = { categories: "lostReasonCategory", competitors: "lostCompetitor", missingFunctionality: "lostMissingFunctionality" } as const;
  const lists = Object.entries(columns).map(
    ([list, column]) => sql`SELECT ${sql.lit(list)}::text AS list, btrim(l.${sql.ref(column)}) AS name, count(*) AS count,
        sum(l."amountCents") FILTER (WHERE l."currency" = ${currency}) AS value
      FROM lost l WHERE l.${sql.ref(column)} IS NOT NULL AND btrim(l.${sql.ref(column)}) <> '' AND lower(btrim(l.${sql.ref(column)})) <> 'none'
      GROUP BY 2`,
  );
  const [{ rows }, lossCategories] = await Promise.all([
    sql<Record<string, unknown>>`WITH lost AS (
        SELECT o."lostReasonCategory", o."lostCompetitor", o."lostMissingFunctionality", o."amountCents", o."currency"
        FROM ${scopedDeals(scope)} AND o."status" = 'lost' AND ${closedIn(scope)}
      )
      ${sql.join(lists, sql` UNION ALL `)}
      ORDER BY 1, 3 DESC, 2`.execute(q),
    getLossCategories(q),
  ]);
  const of = (list: keyof typeof columns) =>
    rows.filter((r) => r.list === list).map((r) => ({ name: String(r.name), label: String(r.name), count: n(r.count), value: money(r.value) }));
  const [categories, competitors, missingFunctionality] = [of("categories"), of("competitors"), of("missingFunctionality")];
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
