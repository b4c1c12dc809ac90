// Pipeline movement (docs/rules/dashboard.md, "Movement"): from the pipeline at a past instant to the
// pipeline now, reconstructed from each deal's history, so any date works, not only those after a
// snapshot job started. The pipeline is the open deals whose close date falls in the period.
//
// Every deal in scope is classified once, by where it was then and where it is now, so the waterfall
// adds up by construction: then + new + pulled in − pushed out − won − lost − disqualified + amount
// changes = now.
import { type RawBuilder, sql } from "kysely";
import { MOVEMENT_KINDS, type MovementKind } from "../../domain/metrics/deal-figures";
import { fromCents } from "../../domain/money";
import type { Sql } from "../db";
import { type MetricsScope, scopedDeals, stagesOf } from "./metrics-scope";

export const MOVEMENT_STEPS = ["new", "pulledIn", "pushedOut", "won", "lost", "disqualified", "amountChanges"] as const;
export type MovementStep = (typeof MOVEMENT_STEPS)[number];

export type Movement = {
  since: string;
  start: { count: number; value: number };
  now: { count: number; value: number };
  /** Value added (positive) or taken away (negative) by each kind of change, and how many deals. */
  steps: Record<MovementStep, { count: number; value: number }>;
  /** Deals in the pipeline then and now, by where their stage went (value-neutral). */
  movedForward: number;
  movedBack: number;
};

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const money = (cents: unknown) => fromCents(BigInt(String(cents ?? 0)));

/**
 * Each deal in scope that was open at some point since `since` as a row of a table `mv` (id, step, existed, in_then, in_now, in_currency, order_then,
 * order_now, amount_then, amount_now): its state at `since` (whether it existed, its status by its
 * latest stage-bearing history entry or by its columns when it has none, its stage's order, its amount
 * (today's less the amount changes recorded after `since`) and its close date (the old date of the
 * first change after `since`)), and its step: where it was against where it is. The waterfall adds
 * these rows up, and the list of the deals behind one of its numbers joins them, so the two cannot
 * disagree. What changed after `since` is read from partial indexes of just the entries that can
 * change the answer (migration 20261219200000), and only for a deal that existed at `since` (a deal
 * created since was in no pipeline then, whatever its entries say): whether an open deal moved (one
 * look per deal into the stage-bearing entries, by deal and time), its state then where it moved or
 * closed since (one more), its amount changes and its first close date change since (read by time,
 * a few per deal in the window, and joined). The everyday entries (criteria, next steps, plans), most
 * of the history, are never read.
 */
export function movementRows(scope: MetricsScope, since: Date, currency: string) {
  const inPeriod = (column: ReturnType<typeof sql.ref>) =>
    sql`${column} BETWEEN CAST(${scope.period.from} AS date) AND CAST(${scope.period.to} AS date)`;
  const stageBearing = sql`h."type" IN ('created', 'stage_changed', 'reopened', 'imported', 'disqualified')`;
  return sql`(
    WITH base AS (
      SELECT o."id", o."status", o."processVersionId", o."currency", o."amountCents", o."closeDate", o."createdAt", o."closedAt", o."stageEnteredAt",
        s."order" AS order_now, (o."createdAt" <= ${since}) AS existed
      FROM ${scopedDeals(scope)}
        -- A deal whose last close came before the starting point was closed then and is now (a re-open
        -- clears closedAt): it is in neither pipeline.
        AND (o."closedAt" IS NULL OR o."closedAt" > ${since})
        -- Nor is a deal whose close date is outside the period and was not changed since: its close
        -- date then was the same (the old date of a change since is the only other), so it was out of
        -- the pipeline then and is now, and no number of the waterfall counts it.
        AND (${inPeriod(sql.ref("o.closeDate"))} OR o."id" IN (SELECT c."opportunityId" FROM "CloseDateChange" c WHERE c."changedAt" > ${since}))
    ),
    -- The close date then: the old date of the first change since (the changes since, by time: a few
    -- per deal in the window). Neither this nor the amount changes below reads base, which is read
    -- once and so stays part of the statement: PostgreSQL knows its ids are the deals' (unique), where
    -- a CTE read twice hides them and the joins by id were expected to multiply the deals (and the
    -- statement's cost crossed the threshold at which it compiles it, JIT, 60 ms and more).
    first_push AS (
      SELECT DISTINCT ON (c."opportunityId") c."opportunityId", c."oldDate"
      FROM "CloseDateChange" c WHERE c."changedAt" > ${since}
      ORDER BY c."opportunityId", c."changedAt", c."id"
    ),
    -- The amount then: today's less every amount change since (the changes since, by time: a partial
    -- index of the amount changes, whose few entries in the window are read without a look per deal).
    deltas AS (
      SELECT h."opportunityId", sum(round(((h."details"->'changes'->'amount'->>'to')::numeric - (h."details"->'changes'->'amount'->>'from')::numeric) * 100)) AS "delta"
      FROM "HistoryEntry" h WHERE h."at" > ${since} AND h."type" = 'field_changed' AND (h."details"->'changes'->'amount') IS NOT NULL
      GROUP BY 1
    ),
    states AS (
      SELECT b.*,
        (b."currency" = ${currency}) AS in_currency,
        (b."status" = 'open' AND ${inPeriod(sql.ref("b.closeDate"))}) AS in_now,
        CASE
          WHEN NOT b.existed THEN NULL
          WHEN last."type" IS NULL THEN CASE WHEN b."closedAt" IS NULL OR b."closedAt" > ${since} THEN 'open' ELSE b."status"::text END
          WHEN last."type" = 'disqualified' THEN 'disqualified'
          WHEN ls."kind" IN ('won', 'lost') THEN ls."kind"::text
          ELSE 'open'
        END AS status_then,
        COALESCE(ls."order", b.order_now) AS order_then,
        b."amountCents" - COALESCE(d."delta", 0) AS amount_then,
        COALESCE(p."oldDate", b."closeDate") AS close_then
      FROM base b
      -- Whether an open deal that existed then moved since: one that did not was then where it is now.
      -- Every entry that changes a deal's stage or status sets its stageEnteredAt to the entry's time
      -- (docs/rules/dashboard.md, "Movement"), so for a deal open now the column answers without a look
      -- into the history. A deal closed since moved by definition; one created since was in no pipeline.
      CROSS JOIN LATERAL (
        SELECT CASE WHEN b.existed AND b."status" = 'open' THEN b."stageEnteredAt" > ${since} ELSE b.existed END AS moved
      ) a
      LEFT JOIN first_push p ON p."opportunityId" = b."id"
      -- Joined by id alone (a deal created since has no amount or close date then, and never reads them).
      LEFT JOIN deltas d ON d."opportunityId" = b."id"
      -- The latest stage-bearing entry at the starting point, looked up only where it can differ from
      -- the deal's state now (a deal that existed then and moved since, or closed since: base keeps no
      -- other closed deal) and where it can matter: a deal whose close date then was outside the period
      -- was in no pipeline then, whatever its status.
      LEFT JOIN LATERAL (
        SELECT h."type", h."toStage" FROM "HistoryEntry" h
        WHERE a.moved AND COALESCE(p."oldDate", b."closeDate") BETWEEN CAST(${scope.period.from} AS date) AND CAST(${scope.period.to} AS date)
          AND h."opportunityId" = b."id" AND h."at" <= ${since} AND ${stageBearing}
        ORDER BY h."at" DESC, h."id" DESC LIMIT 1
      ) last ON true
      LEFT JOIN ${stagesOf(scope, "ls")} ON ls."processVersionId" = b."processVersionId" AND ls."key" = last."toStage"
    )
    SELECT st."id", st.existed, st.in_then, st.in_now, st.in_currency, st.order_then, st.order_now, st.amount_then, st."amountCents" AS amount_now,
      CASE
        WHEN in_then AND in_now THEN 'stay'
        WHEN NOT in_then AND in_now THEN CASE WHEN NOT existed THEN 'new' ELSE 'pulledIn' END
        WHEN in_then AND NOT in_now THEN CASE status_now WHEN 'won' THEN 'won' WHEN 'lost' THEN 'lost' WHEN 'disqualified' THEN 'disqualified' ELSE 'pushedOut' END
        ELSE 'out'
      END AS step
    FROM (SELECT states.*, states."status"::text AS status_now,
            (COALESCE(status_then = 'open', false) AND ${inPeriod(sql.ref("close_then"))}) AS in_then
          FROM states OFFSET 0) st
    -- Each row's state and step computed once (OFFSET 0 keeps this a subquery of its own): pulled up
    -- into the statement that reads it, every condition on a step would carry, and evaluate, the
    -- whole expression again (a waterfall has twenty-two of them), in planning as in execution.
    OFFSET 0
  )`;
}

/**
 * Each number of the waterfall as a condition on a row `mv` of movementRows, and the value it adds
 * up (in cents; null: a count only). A step that takes deals out of the pipeline counts their value
 * then, negative; amount changes count now less then.
 */
export const MOVEMENT_BUCKETS: Record<MovementKind, { where: RawBuilder<boolean>; value: RawBuilder<unknown> | null }> = {
  start: { where: sql`mv.in_then`, value: sql`mv.amount_then` },
  new: { where: sql`mv.step = 'new'`, value: sql`mv.amount_now` },
  forward: { where: sql`mv.step = 'stay' AND mv.order_now > mv.order_then`, value: null },
  back: { where: sql`mv.step = 'stay' AND mv.order_now < mv.order_then`, value: null },
  pushed: { where: sql`mv.step = 'pushedOut'`, value: sql`-mv.amount_then` },
  pulled: { where: sql`mv.step = 'pulledIn'`, value: sql`mv.amount_now` },
  won: { where: sql`mv.step = 'won'`, value: sql`-mv.amount_then` },
  lost: { where: sql`mv.step = 'lost'`, value: sql`-mv.amount_then` },
  disqualified: { where: sql`mv.step = 'disqualified'`, value: sql`-mv.amount_then` },
  amount: { where: sql`mv.step = 'stay' AND mv.amount_now <> mv.amount_then`, value: sql`mv.amount_now - mv.amount_then` },
  now: { where: sql`mv.in_now`, value: sql`mv.amount_now` },
};

/** The waterfall's step behind each kind of change (the kinds a list is asked for by). */
const STEP_OF: Record<MovementStep, MovementKind> = {
  new: "new",
  pulledIn: "pulled",
  pushedOut: "pushed",
  won: "won",
  lost: "lost",
  disqualified: "disqualified",
  amountChanges: "amount",
};

export async function pipelineMovement(q: Sql, scope: MetricsScope, since: Date, currency: string): Promise<Movement> {
  const { rows } = await sql<Record<string, unknown>>`SELECT ${sql.join(
    MOVEMENT_KINDS.map((k) => {
      const { where, value } = MOVEMENT_BUCKETS[k];
      return sql`count(*) FILTER (WHERE ${where}) AS ${sql.ref(`${k}_count`)},
        sum(${value ?? sql`0`}) FILTER (WHERE ${where} AND mv.in_currency) AS ${sql.ref(`${k}_value`)}`;
    }),
  )}
    FROM ${movementRows(scope, since, currency)} mv`.execute(q);
  const row = rows[0] ?? {};
  const of = (k: MovementKind) => ({ count: n(row[`${k}_count`]), value: money(row[`${k}_value`]) });
  return {
    since: since.toISOString(),
    start: of("start"),
    now: of("now"),
    steps: Object.fromEntries(MOVEMENT_STEPS.map((step) => [step, of(STEP_OF[step])])) as Movement["steps"],
    movedForward: of("forward").count,
    movedBack: of("back").count,
  };
}
