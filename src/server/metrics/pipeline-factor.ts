// The pipeline value factor and the balance's deal sizes (docs/rules/dashboard.md): how much pipeline
// each stage needs to make the rest of the target, and the mix of rocks, stones and pebbles.
import { type RawBuilder, sql } from "kysely";
import { SIZE_KINDS, type SizeKind } from "../../domain/metrics/deal-figures";
import { ratio } from "../../domain/metrics/period";
import { fromCents } from "../../domain/money";
import type { Sql } from "../db";
import type { StageBalance, StageConversion } from "./compute-metrics";
import { type MetricsScope, scopedDeals } from "./metrics-scope";

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const money = (cents: unknown) => fromCents(BigInt(String(cents ?? 0)));

/** The sum of the scope's teams' targets set for exactly this period and currency; null when none is set, or for one rep. */
export async function targetFor(q: Sql, scope: MetricsScope, currency: string): Promise<number | null> {
  if (scope.ownerId !== null) return null;
  const { rows } = await sql<{ total: string | null; n: string }>`SELECT sum(t."amountCents") AS total, count(*) AS n FROM "TeamTarget" t
    WHERE t."periodFrom" = CAST(${scope.period.from} AS date) AND t."periodTo" = CAST(${scope.period.to} AS date) AND t."currency" = ${currency}
      ${scope.teamIds === null ? sql`` : scope.teamIds.length ? sql`AND t."teamId" IN (${sql.join(scope.teamIds)})` : sql`AND false`}`.execute(q);
  return n(rows[0]?.n) > 0 ? money(rows[0]!.total) : null;
}

export type StageFactor = {
  stage: string;
  name: string;
  /** 1 ÷ the value conversion from the stage to won, over closed history; null when nothing closed from it. */
  factor: number | null;
  /** factor × what is left of the target; null without a target or a factor. */
  requiredPipeline: number | null;
  /** The open pipeline in the stage now. */
  presentPipeline: number;
};

export type PipelineValueFactor = { target: number | null; wonInPeriod: number; remainingTarget: number | null; stages: StageFactor[] };

/** What the value factor is made of: the conversion over closed history (conversions' `history`) and the target. */
export type ValueFactorInputs = { history: StageConversion[]; target: number | null };

/** The factor per stage from its inputs, the value won in the period and the open pipeline per stage. */
export function pipelineValueFactor(
  { history, target }: ValueFactorInputs,
  wonInPeriod: number,
  balance: readonly StageBalance[],
): PipelineValueFactor {
  const remaining = target === null ? null : Math.max(0, target - wonInPeriod);
  return {
    target,
    wonInPeriod,
    remainingTarget: remaining,
    stages: history.map((s) => {
      const factor = s.valueRate ? 1 / s.valueRate : null;
      return {
        stage: s.stage,
        name: s.name,
        factor,
        requiredPipeline: factor === null || remaining === null ? null : factor * remaining,
        presentPipeline: balance.find((b) => b.stage === s.stage)?.value ?? 0,
      };
    }),
  };
}

export type SizeMix = {
  classes: { size: SizeKind; count: number; value: number; share: number | null }[];
  /** Each team's thresholds: set by hand, or its 80th and 40th percentile deal size. */
  thresholds: { teamId: string | null; teamName: string | null; rockFrom: number | null; stoneFrom: number | null; set: boolean }[];
};

/**
 * A team id as a join key that is never null (the deals of reps in no team have a null team, and
 * thresholds of their own): an equality, which a hash join matches, where IS NOT DISTINCT FROM would
 * compare each deal with every team's row. No id is empty.
 */
export const teamKey = (teamId: ReturnType<typeof sql.ref>) => sql`COALESCE(${teamId}, '')`;

/**
 * Each team's thresholds, as a table (team_id, team_key, team_name, rock, stone, set): set by the team, or the
 * 80th and 40th percentile of its deals' sizes (every deal of the process in the currency,
 * disqualified ones aside), whoever owns them in the team.
 */
export const sizeThresholds = (scope: MetricsScope, currency: string) => sql`(
    SELECT p.team_id, ${teamKey(sql.ref("p.team_id"))} AS team_key, t."name" AS team_name,
      COALESCE(t."rockFromCents"::numeric, p.p80::numeric) AS rock,
      COALESCE(t."stoneFromCents"::numeric, p.p40::numeric) AS stone,
      (t."rockFromCents" IS NOT NULL OR t."stoneFromCents" IS NOT NULL) AS set
    FROM ${sizePercentiles(scope, currency)} p LEFT JOIN "Team" t ON t."id" = p.team_id
  )`;

/**
 * Each team's 80th and 40th percentile deal size, as a table (team_id, p80, p40): exactly what
 * `percentile_cont(0.8) WITHIN GROUP (ORDER BY amount)` gives over the team's deals, without reading
 * or sorting them all (decision 013). The histogram `DealSizeCount` says in which band of amounts the
 * deal at each rank lies and where in the band; an index by owner, currency, band and amount then reads
 * only that band's deals of the team. As percentile_cont: the position p × (n − 1), and between the
 * deals at its floor and ceiling ranks, in double precision.
 */
const sizePercentiles = (scope: MetricsScope, currency: string) => {
  const versions = sql`CAST(${scope.versionIds} AS text[])`;
  const inTeams = scope.teamIds === null ? sql`true` : scope.teamIds.length ? sql`u."teamId" IN (${sql.join(scope.teamIds)})` : sql`false`;
  // Shaped so that the plan does not hang on statistics, which the histogram may not have (PGlite has
  // no autovacuum): each owner's rows of the histogram are read by its primary key (owner first), and
  // each team's few amounts are looked up once (MATERIALIZED).
  return sql`(
    WITH teams AS (
      SELECT u."teamId" AS team_id, array_agg(u."id") AS owners FROM "User" u WHERE ${inTeams} GROUP BY 1
    ),
    counts AS (
      SELECT u."teamId" AS team_id, k."band", sum(k."deals") AS n
      FROM "User" u
        -- Per owner, by the primary key: one short look each, whatever the planner knows of the table.
        CROSS JOIN LATERAL (
          SELECT k."band", k."deals" FROM "DealSizeCount" k
          WHERE k."ownerId" = u."id" AND k."processVersionId" = ANY (${versions}) AND k."currency" = ${currency}
          OFFSET 0 -- kept a subquery per owner: flattened into a join, it is planned from statistics
        ) k
      WHERE ${inTeams}
      GROUP BY 1, 2
    ),
    bands AS MATERIALIZED (
      SELECT c.*, sum(c.n) OVER (PARTITION BY c.team_id ORDER BY c."band") - c.n AS before, sum(c.n) OVER (PARTITION BY c.team_id) AS total
      FROM counts c
    ),
    ranks AS (
      SELECT t.team_id, p.p, p.p * CAST(t.total - 1 AS double precision) AS pos
      FROM (SELECT DISTINCT team_id, total FROM bands) t
        CROSS JOIN (VALUES (CAST(0.8 AS double precision)), (CAST(0.4 AS double precision))) p(p)
    ),
    -- Where the deals at the position's floor and ceiling ranks are: their band, and their place in it.
    wanted AS (
      SELECT r.team_id, r.p, r.pos, lo."band" AS lo_band, CAST(floor(r.pos) - lo.before AS bigint) AS lo_place,
        hi."band" AS hi_band, CAST(ceil(r.pos) - hi.before AS bigint) AS hi_place
      FROM ranks r
        JOIN bands lo ON lo.team_id IS NOT DISTINCT FROM r.team_id AND floor(r.pos) >= lo.before AND floor(r.pos) < lo.before + lo.n
        JOIN bands hi ON hi.team_id IS NOT DISTINCT FROM r.team_id AND ceil(r.pos) >= hi.before AND ceil(r.pos) < hi.before + hi.n
    ),
    -- The two deals, in one look into the band when both are in it (nearly always).
    amounts AS MATERIALIZED (
      SELECT w.team_id, w.p, w.pos, w.lo_band, w.hi_band, w.hi_place, t.owners, ARRAY(
        SELECT CAST(o."amountCents" AS double precision) FROM "Opportunity" o
        WHERE o."ownerId" = ANY (t.owners) AND o."currency" = ${currency} AND "stageline_size_band"(o."amountCents") = w.lo_band
          AND o."status" <> 'disqualified' AND o."processVersionId" = ANY (${versions})
        ORDER BY o."amountCents" OFFSET w.lo_place LIMIT 2
      ) AS found
      FROM wanted w JOIN teams t ON t.team_id IS NOT DISTINCT FROM w.team_id
    ),
    percentiles AS (
      SELECT team_id, p, lo + (pos - floor(pos)) * (hi - lo) AS value
      FROM (
        SELECT a.team_id, a.p, a.pos, a.found[1] AS lo,
          CASE WHEN a.hi_band = a.lo_band THEN a.found[1 + CAST(ceil(a.pos) > floor(a.pos) AS integer)] ELSE (
            SELECT CAST(o."amountCents" AS double precision) FROM "Opportunity" o
            WHERE o."ownerId" = ANY (a.owners) AND o."currency" = ${currency} AND "stageline_size_band"(o."amountCents") = a.hi_band
              AND o."status" <> 'disqualified' AND o."processVersionId" = ANY (${versions})
            ORDER BY o."amountCents" OFFSET a.hi_place LIMIT 1
          ) END AS hi
        FROM amounts a
      ) a
    )
    SELECT team_id, min(value) FILTER (WHERE p = 0.8) AS p80, min(value) FILTER (WHERE p = 0.4) AS p40
    FROM percentiles GROUP BY 1
  )`;
};

/**
 * The size mix's deals, as a table (id, amount, size): the open deals in scope in the currency, each
 * a rock (from its team's rock threshold up), a stone (from its stone threshold) or a pebble. The
 * figure counts these rows and the list of the deals behind a size joins them, so the two cannot
 * disagree.
 */
export const sizedDeals = (
  scope: MetricsScope,
  currency: string,
  /** The thresholds table: computed here, unless the statement already holds it (a CTE's name). */
  thresholds: RawBuilder<unknown> = sizeThresholds(scope, currency),
) => sql`(
    SELECT d."id", d.amount, ${sizeOf(sql.ref("d.amount"))} AS size
    FROM (
      SELECT o."id", o."amountCents" AS amount, u."teamId" AS team_id
      FROM ${scopedDeals(scope)} AND o."status" = 'open' AND o."currency" = ${currency}
    ) d JOIN ${thresholds} thr ON thr.team_key = ${teamKey(sql.ref("d.team_id"))}
  )`;

/** A deal's size by its amount and a row `thr` of its team's thresholds: one rule for the figure and its lists. */
export const sizeOf = (amount: RawBuilder<unknown> | ReturnType<typeof sql.ref>) =>
  sql<SizeKind>`CASE WHEN ${amount} >= thr.rock THEN 'rock' WHEN ${amount} >= thr.stone THEN 'stone' ELSE 'pebble' END`;

/** The thresholds of a table `thr` (sizeThresholds) as one JSON array, for sizeMixFrom. */
export const thresholdsJson = sql`(SELECT json_agg(json_build_object('team_id', team_id, 'team_name', team_name, 'rock', round(rock)::text, 'stone', round(stone)::text, 'set', set)
         ORDER BY team_name NULLS LAST) FROM thr)`;

/** The size mix from a row holding `<size>_count` and `<size>_value` for each size, and `thresholds` (thresholdsJson). */
export function sizeMixFrom(row: Record<string, unknown>): SizeMix {
  const thresholds = (row.thresholds as Record<string, unknown>[] | null) ?? [];
  const total = SIZE_KINDS.reduce((sum, k) => sum + n(row[`${k}_count`]), 0);
  return {
    classes: SIZE_KINDS.map((size) => ({
      size,
      count: n(row[`${size}_count`]),
      value: money(row[`${size}_value`]),
      share: ratio(n(row[`${size}_count`]), total),
    })),
    thresholds: thresholds.map((t) => ({
      teamId: (t.team_id as string | null) ?? null,
      teamName: (t.team_name as string | null) ?? null,
      rockFrom: t.rock === null ? null : money(t.rock),
      stoneFrom: t.stone === null ? null : money(t.stone),
      set: Boolean(t.set),
    })),
  };
}

/** The condition on a row `sz` of sizedDeals that puts it in one bucket. */
export const sizeBucket = (kind: SizeKind) => sql<boolean>`sz.size = ${kind}`;

/**
 * The open deals as rocks (from the team's rock threshold up), stones (from its stone threshold) and
 * pebbles. A team's thresholds default to the 80th and 40th percentile of its deals' sizes (every deal
 * of the process in the currency, disqualified ones aside), whoever owns them in the team. The
 * dashboard counts the classes in its pass over the open deals (pipelineFigures); this statement
 * alone serves the targets page's thresholds.
 */
export async function sizeMix(q: Sql, scope: MetricsScope, currency: string): Promise<SizeMix> {
  // One statement: the percentiles, the costliest part, are computed once for the thresholds shown and
  // for the classes.
  const { rows } = await sql<Record<string, unknown>>`WITH thr AS ${sizeThresholds(scope, currency)}
    SELECT ${sql.join(
      SIZE_KINDS.map(
        (k) =>
          sql`count(*) FILTER (WHERE ${sizeBucket(k)}) AS ${sql.ref(`${k}_count`)}, sum(sz.amount) FILTER (WHERE ${sizeBucket(k)}) AS ${sql.ref(`${k}_value`)}`,
      ),
    )},
      ${thresholdsJson} AS thresholds
    FROM ${sizedDeals(scope, currency, sql`thr`)} sz`.execute(q);
  return sizeMixFrom(rows[0] ?? {});
}
