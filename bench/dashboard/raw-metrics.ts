// The dashboard's aggregates as hand-written SQL on the raw driver (the pg pool, or the PGlite
// connection): the baseline the metrics endpoint is measured against. Written apart from the app's
// code (no query builder, no scope resolution, no typed rows), run concurrently as the endpoint runs
// its own, and shaped like the endpoint's answer so that the benchmark first checks that both give
// the same figures.
import type { ScriptRunner } from "@/src/server/db";

export type RawScope = {
  /** Every version of the process. */
  versionIds: string[];
  /** The latest: its stages are the figures' stages. */
  versionId: string;
  /** null: the whole organisation. */
  teamId: string | null;
  from: string;
  to: string;
  /** The day after `to`. */
  end: string;
  today: string;
  /** The movement's starting instant (ISO). */
  since: string;
};

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const money = (cents: unknown) => num(cents) / 100;
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/**
 * A statement over the deals in scope: the process's versions and the team when there is one come
 * first among the parameters, `next` adds the statement's own. `deals` is `"Opportunity" o JOIN "Stage" s … WHERE <scope>` (with `JOIN "User" u`, the owner, when asked).
 */
function inScope(
  scope: RawScope,
  build: (deals: string, next: (value: unknown) => string) => string,
  options: { owner?: boolean } = {},
): [string, unknown[]] {
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const versions = scope.versionIds.map(next).join(", ");
  const team =
    scope.teamId === null
      ? ""
      : options.owner
        ? ` AND u."teamId" = ${next(scope.teamId)}`
        : ` AND o."ownerId" IN (SELECT "id" FROM "User" WHERE "teamId" = ${next(scope.teamId)})`;
  const owner = options.owner ? ` JOIN "User" u ON u."id" = o."ownerId"` : "";
  const deals = `"Opportunity" o${owner} JOIN "Stage" s ON s."processVersionId" = o."processVersionId" AND s."key" = o."stageKey"
    WHERE o."processVersionId" IN (${versions})${team}`;
  return [build(deals, next), params];
}

export async function rawMetrics(raw: ScriptRunner, scope: RawScope) {
  const q = (statement: [string, unknown[]]) => raw.query<Record<string, unknown>>(statement[0], statement[1]);
  const [currencyRow] = await q(inScope(scope, (deals) => `SELECT o."currency" FROM ${deals} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`));
  const currency = String(currencyRow?.currency ?? "USD");

  const closed = (next: (v: unknown) => string) => `o."closedAt" >= ${next(scope.from)}::date AND o."closedAt" < ${next(scope.end)}::date`;
  const conversion = (window: "period" | "history") =>
    q(
      inScope(
        scope,
        (deals, next) => `SELECT r.stage, count(*) AS reached, count(*) FILTER (WHERE c."status" = 'won') AS won,
            sum(c."amountCents") FILTER (WHERE c."currency" = ${next(currency)}) AS reached_value,
            sum(c."amountCents") FILTER (WHERE c."status" = 'won' AND c."currency" = ${next(currency)}) AS won_value
          FROM (SELECT o."status", o."amountCents", o."currency", o."reachedStages" FROM ${deals}
            AND o."status" IN ('won', 'lost') AND ${window === "period" ? closed(next) : `o."closedAt" < ${next(scope.end)}::date`}) c,
            unnest(c."reachedStages") AS r(stage)
          GROUP BY 1`,
      ),
    );
  const lossBy = (column: string) =>
    q(
      inScope(
        scope,
        (
          deals,
          next,
        ) => `SELECT btrim(o."${column}") AS name, count(*) AS count, sum(o."amountCents") FILTER (WHERE o."currency" = ${next(currency)}) AS value
          FROM ${deals} AND o."status" = 'lost' AND ${closed(next)}
            AND btrim(o."${column}") <> '' AND lower(btrim(o."${column}")) <> 'none'
          GROUP BY 1 ORDER BY count(*) DESC, 1`,
      ),
    );
  const inPeriod = (column: string, next: (v: unknown) => string) => `${column} BETWEEN ${next(scope.from)}::date AND ${next(scope.to)}::date`;

  const [
    stages,
    [w],
    periodConversion,
    historyConversion,
    balance,
    forecastRows,
    [integrity],
    categories,
    competitors,
    missing,
    slippage,
    movementRows,
    targetRows,
    sizeRows,
  ] = await Promise.all([
    raw.query<Record<string, unknown>>(`SELECT "key", "order" FROM "Stage" WHERE "processVersionId" = $1 AND "kind" = 'open' ORDER BY "order"`, [
      scope.versionId,
    ]),
    q(
      inScope(
        scope,
        (deals, next) => `SELECT
            count(*) FILTER (WHERE o."status" = 'won' AND ${closed(next)}) AS won,
            count(*) FILTER (WHERE o."status" = 'lost' AND ${closed(next)}) AS lost,
            count(*) FILTER (WHERE o."status" = 'open' AND ${inPeriod(`o."closeDate"`, next)}) AS open_due,
            sum(o."amountCents") FILTER (WHERE o."status" = 'won' AND ${closed(next)} AND o."currency" = ${next(currency)}) AS won_value,
            sum(o."amountCents") FILTER (WHERE o."status" = 'lost' AND ${closed(next)} AND o."currency" = ${next(currency)}) AS lost_value,
            sum(o."amountCents") FILTER (WHERE o."status" = 'open' AND ${inPeriod(`o."closeDate"`, next)} AND o."currency" = ${next(currency)}) AS open_due_value,
            count(*) FILTER (WHERE o."status" = 'won' AND ${closed(next)} AND o."currency" = ${next(currency)}) AS won_in_currency,
            avg(EXTRACT(EPOCH FROM (o."closedAt" - o."createdAt")) / 86400.0) FILTER (WHERE o."status" = 'won' AND ${closed(next)}) AS cycle_days,
            count(*) FILTER (WHERE o."status" = 'open' AND s."kind" = 'open' AND s."order" >= 1) AS qualified
          FROM ${deals}`,
      ),
    ),
    conversion("period"),
    conversion("history"),
    q(
      inScope(
        scope,
        (
          deals,
          next,
        ) => `SELECT o."stageKey" AS stage, count(*) AS count, sum(o."amountCents") FILTER (WHERE o."currency" = ${next(currency)}) AS value
          FROM ${deals} AND o."status" = 'open' GROUP BY 1`,
      ),
    ),
    q(
      inScope(
        scope,
        (deals, next) => `SELECT CASE WHEN o."status" = 'won' THEN 'closed' ELSE s."forecastCategory"::text END AS category, count(*) AS count,
            sum(o."amountCents") FILTER (WHERE o."currency" = ${next(currency)}) AS value,
            round(sum(o."amountCents" * s."probability") FILTER (WHERE o."status" = 'open' AND o."currency" = ${next(currency)}) / 100.0) AS weighted
          FROM ${deals} AND (o."status" = 'open' OR (o."status" = 'won' AND ${closed(next)})) GROUP BY 1`,
      ),
    ),
    q(
      inScope(scope, (deals, next) => {
        const today = next(scope.today);
        const past = `o."closeDate" < ${today}::date`;
        const noStep = `btrim(o."nextStep") = ''`;
        const stalled = `(o."nextStepDue" < ${today}::date OR (s."stallDays" IS NOT NULL AND o."stageEnteredAt" < ${today}::date - s."stallDays"))`;
        const overridden = `o."overriddenAt" IS NOT NULL`;
        return `SELECT count(*) AS open, count(*) FILTER (WHERE ${past}) AS past_due, count(*) FILTER (WHERE ${noStep}) AS no_next_step,
            count(*) FILTER (WHERE ${stalled}) AS stalled, count(*) FILTER (WHERE ${overridden}) AS overridden,
            count(*) FILTER (WHERE ${past} OR ${noStep} OR ${stalled} OR ${overridden}) AS any
          FROM ${deals} AND o."status" = 'open'`;
      }),
    ),
    lossBy("lostReasonCategory"),
    lossBy("lostCompetitor"),
    lossBy("lostMissingFunctionality"),
    q(
      inScope(
        scope,
        (deals, next) => `SELECT o."ownerId" AS owner_id, u."name" AS owner_name, count(*) AS pushes, sum(c."newDate" - c."oldDate") AS days
          FROM "CloseDateChange" c JOIN (SELECT o."id", o."ownerId" FROM ${deals}) o ON o."id" = c."opportunityId" JOIN "User" u ON u."id" = o."ownerId"
          WHERE c."newDate" > c."oldDate" AND c."changedAt" >= ${next(scope.from)}::date AND c."changedAt" < ${next(scope.end)}::date
          GROUP BY 1, 2 ORDER BY 4 DESC, 2`,
      ),
    ),
    q(
      inScope(scope, (deals, next) => {
        const since = next(scope.since);
        const cur = next(currency);
        return `WITH d AS (
              SELECT o."id", o."status"::text AS status, o."processVersionId", o."currency", o."amountCents", o."closeDate", o."createdAt", o."closedAt", s."order" AS order_now
              FROM ${deals} AND (o."closedAt" IS NULL OR o."closedAt" > ${since}::timestamp)
            ), then_ AS (
              SELECT d.*,
                CASE
                  WHEN d."createdAt" > ${since}::timestamp THEN NULL
                  WHEN last."type" IS NULL THEN CASE WHEN d."closedAt" IS NULL OR d."closedAt" > ${since}::timestamp THEN 'open' ELSE d.status END
                  WHEN last."type" = 'disqualified' THEN 'disqualified'
                  WHEN ls."kind" IN ('won', 'lost') THEN ls."kind"::text
                  ELSE 'open'
                END AS status_then,
                COALESCE(ls."order", d.order_now) AS order_then,
                d."amountCents" - COALESCE(chg.delta, 0) AS amount_then,
                COALESCE(cd."oldDate", d."closeDate") AS close_then
              FROM d
              LEFT JOIN LATERAL (SELECT h."type", h."toStage" FROM "HistoryEntry" h
                WHERE h."opportunityId" = d."id" AND h."at" <= ${since}::timestamp AND h."type" IN ('created', 'stage_changed', 'reopened', 'disqualified')
                ORDER BY h."at" DESC, h."id" DESC LIMIT 1) last ON true
              LEFT JOIN "Stage" ls ON ls."processVersionId" = d."processVersionId" AND ls."key" = last."toStage"
              LEFT JOIN LATERAL (SELECT sum(round(((h."details"->'changes'->'amount'->>'to')::numeric - (h."details"->'changes'->'amount'->>'from')::numeric) * 100)) AS delta
                FROM "HistoryEntry" h WHERE h."opportunityId" = d."id" AND h."at" > ${since}::timestamp AND h."type" = 'field_changed'
                  AND h."details"->'changes'->'amount' IS NOT NULL) chg ON true
              LEFT JOIN LATERAL (SELECT c."oldDate" FROM "CloseDateChange" c WHERE c."opportunityId" = d."id" AND c."changedAt" > ${since}::timestamp
                ORDER BY c."changedAt", c."id" LIMIT 1) cd ON true
            ), steps AS (
              SELECT t.*, CASE
                  WHEN was AND is_ THEN 'stay'
                  WHEN NOT was AND is_ THEN CASE WHEN t."createdAt" > ${since}::timestamp THEN 'new' ELSE 'pulledIn' END
                  WHEN was AND NOT is_ THEN CASE t.status WHEN 'won' THEN 'won' WHEN 'lost' THEN 'lost' WHEN 'disqualified' THEN 'disqualified' ELSE 'pushedOut' END
                END AS step
              FROM (SELECT then_.*, (COALESCE(status_then = 'open', false) AND ${inPeriod("close_then", next)}) AS was,
                      (status = 'open' AND ${inPeriod(`"closeDate"`, next)}) AS is_ FROM then_) t
            )
            SELECT step, count(*) AS count,
              sum(CASE WHEN "currency" = ${cur} THEN amount_then ELSE 0 END) AS value_then,
              sum(CASE WHEN "currency" = ${cur} THEN "amountCents" ELSE 0 END) AS value_now,
              count(*) FILTER (WHERE step = 'stay' AND order_now > order_then) AS forward,
              count(*) FILTER (WHERE step = 'stay' AND order_now < order_then) AS back,
              count(*) FILTER (WHERE step = 'stay' AND "amountCents" <> amount_then) AS amount_changed
            FROM steps WHERE step IS NOT NULL GROUP BY step`;
      }),
    ),
    raw.query<Record<string, unknown>>(
      `SELECT sum("amountCents") AS total, count(*) AS n FROM "TeamTarget" WHERE "periodFrom" = $1::date AND "periodTo" = $2::date AND "currency" = $3
          ${scope.teamId === null ? "" : `AND "teamId" = $4`}`,
      [scope.from, scope.to, currency, ...(scope.teamId === null ? [] : [scope.teamId])],
    ),
    q(
      inScope(
        scope,
        (deals, next) => {
          const cur = next(currency);
          return `WITH t AS (
              SELECT u."teamId", percentile_cont(0.8) WITHIN GROUP (ORDER BY o."amountCents") AS p80,
                percentile_cont(0.4) WITHIN GROUP (ORDER BY o."amountCents") AS p40
              FROM ${deals} AND o."status" <> 'disqualified' AND o."currency" = ${cur}
              GROUP BY 1
            ), thr AS (
              SELECT t."teamId", COALESCE(tm."rockFromCents"::numeric, t.p80::numeric) AS rock, COALESCE(tm."stoneFromCents"::numeric, t.p40::numeric) AS stone
              FROM t LEFT JOIN "Team" tm ON tm."id" = t."teamId"
            ), open_deals AS (
              SELECT u."teamId", o."amountCents" FROM ${deals} AND o."status" = 'open' AND o."currency" = ${cur}
            )
            SELECT CASE WHEN d."amountCents" >= thr.rock THEN 'rock' WHEN d."amountCents" >= thr.stone THEN 'stone' ELSE 'pebble' END AS size,
              count(*) AS count, sum(d."amountCents") AS value
            FROM open_deals d JOIN thr ON thr."teamId" IS NOT DISTINCT FROM d."teamId"
            GROUP BY 1`;
        },
        { owner: true },
      ),
    ),
  ]);

  const byKey = (rows: Record<string, unknown>[], key: string) => new Map(rows.map((r) => [String(r[key]), r]));
  const won = num(w!.won);
  const lost = num(w!.lost);
  const openDue = num(w!.open_due);
  const wonValue = money(w!.won_value);
  const lostValue = money(w!.lost_value);
  const openDueValue = money(w!.open_due_value);
  const unitWinRate = ratio(won, won + lost);
  const averageWonValue = num(w!.won_in_currency) ? wonValue / num(w!.won_in_currency) : null;
  const cycle = w!.cycle_days === null ? null : Number(w!.cycle_days);
  const velocity =
    averageWonValue === null || unitWinRate === null || cycle === null || cycle <= 0
      ? null
      : (num(w!.qualified) * averageWonValue * unitWinRate) / cycle;
  const conversionOf = (rows: Record<string, unknown>[]) => {
    const by = byKey(rows, "stage");
    return stages.map((s) => {
      const r = by.get(String(s.key));
      return {
        stage: String(s.key),
        reached: num(r?.reached),
        won: num(r?.won),
        reachedValue: money(r?.reached_value),
        wonValue: money(r?.won_value),
      };
    });
  };
  const balanceBy = byKey(balance, "stage");
  const forecastBy = byKey(forecastRows, "category");
  const moves = byKey(movementRows, "step");
  const leaving = ["pushedOut", "won", "lost", "disqualified"];
  const then = (step: string) => money(moves.get(step)?.value_then);
  const current = (step: string) => money(moves.get(step)?.value_now);
  const stay = moves.get("stay");
  const remaining = num(targetRows[0]?.n) > 0 ? Math.max(0, money(targetRows[0]!.total) - wonValue) : null;
  const sizes = byKey(sizeRows, "size");
  const loss = (rows: Record<string, unknown>[]) => rows.map((r) => ({ name: String(r.name), count: num(r.count), value: money(r.value) }));

  return {
    currency,
    unitWinRate,
    valueWinRate: ratio(wonValue, wonValue + lostValue),
    unitWinRateWithOpen: ratio(won, won + lost + openDue),
    valueWinRateWithOpen: ratio(wonValue, wonValue + lostValue + openDueValue),
    winRateCounts: { won, lost, openDue, wonValue, lostValue, openDueValue },
    conversionByStage: conversionOf(periodConversion),
    salesVelocityPerDay: velocity,
    byStage: stages.map((s) => ({
      stage: String(s.key),
      count: num(balanceBy.get(String(s.key))?.count),
      value: money(balanceBy.get(String(s.key))?.value),
    })),
    forecastByCategory: ["pipeline", "best_case", "commit", "closed"].map((category) => ({
      category,
      count: num(forecastBy.get(category)?.count),
      value: money(forecastBy.get(category)?.value),
    })),
    weightedPipeline: forecastRows.reduce((sum, r) => sum + money(r.weighted), 0),
    dataIntegrity: {
      open: num(integrity!.open),
      pastDueCloseDate: num(integrity!.past_due),
      noNextStep: num(integrity!.no_next_step),
      stalled: num(integrity!.stalled),
      overridden: num(integrity!.overridden),
      any: num(integrity!.any),
    },
    lossAnalysis: { categories: loss(categories), competitors: loss(competitors), missingFunctionality: loss(missing) },
    slippage: slippage.map((r) => ({ ownerId: String(r.owner_id), pushes: num(r.pushes), daysSlipped: num(r.days) })),
    pipelineValueFactor: {
      remainingTarget: remaining,
      stages: conversionOf(historyConversion).map((s) => ({
        stage: s.stage,
        factor: s.wonValue && s.reachedValue ? s.reachedValue / s.wonValue : null,
      })),
    },
    sizeMix: {
      classes: ["rock", "stone", "pebble"].map((size) => ({ size, count: num(sizes.get(size)?.count), value: money(sizes.get(size)?.value) })),
    },
    movement: {
      start: {
        count: num(stay?.count) + leaving.reduce((sum, s) => sum + num(moves.get(s)?.count), 0),
        value: then("stay") + leaving.reduce((sum, s) => sum + then(s), 0),
      },
      now: {
        count: num(stay?.count) + num(moves.get("new")?.count) + num(moves.get("pulledIn")?.count),
        value: current("stay") + current("new") + current("pulledIn"),
      },
      movedForward: num(stay?.forward),
      movedBack: num(stay?.back),
    },
  };
}
