// Pipeline movement (docs/rules/dashboard.md, "Movement"): from the pipeline at a past instant to the
// pipeline now, reconstructed from each deal's history, so any date works, not only those after a
// snapshot job started. The pipeline is the open deals whose close date falls in the period.
//
// Every deal in scope is classified once, by where it was then and where it is now, so the waterfall
// adds up by construction: then + new + pulled in − pushed out − won − lost − disqualified + amount
// changes = now.
import { sql } from "kysely";
import { fromCents } from "../../domain/money";
import type { Sql } from "../db";
import { type MetricsScope, scopedDeals } from "./metrics-scope";

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
 * Each deal's state at `since`: whether it existed, its status (by its latest stage-bearing history
 * entry, or by its columns when it has none), its stage's order, its amount (today's less the amount
 * changes recorded after `since`) and its close date (the old date of the first change after `since`).
 * Then each deal's step: where it was against where it is.
 */
export async function pipelineMovement(q: Sql, scope: MetricsScope, since: Date, currency: string): Promise<Movement> {
  const inPeriod = (column: ReturnType<typeof sql.ref>) =>
    sql`${column} BETWEEN CAST(${scope.period.from} AS date) AND CAST(${scope.period.to} AS date)`;
  const { rows } = await sql<Record<string, unknown>>`
    WITH base AS (
      SELECT o."id", o."status", o."processVersionId", o."currency", o."amountCents", o."closeDate", o."createdAt", o."closedAt", s."order" AS order_now
      FROM ${scopedDeals(scope)}
    ),
    states AS (
      SELECT b.*,
        (b."currency" = ${currency}) AS in_currency,
        (b."status" = 'open' AND ${inPeriod(sql.ref("b.closeDate"))}) AS in_now,
        (b."createdAt" <= ${since}) AS existed,
        CASE
          WHEN b."createdAt" > ${since} THEN NULL
          WHEN last."type" IS NULL THEN CASE WHEN b."closedAt" IS NULL OR b."closedAt" > ${since} THEN 'open' ELSE b."status"::text END
          WHEN last."type" = 'disqualified' THEN 'disqualified'
          WHEN ls."kind" IN ('won', 'lost') THEN ls."kind"::text
          ELSE 'open'
        END AS status_then,
        COALESCE(ls."order", b.order_now) AS order_then,
        b."amountCents" - COALESCE(chg."delta", 0) AS amount_then,
        COALESCE(cd."oldDate", b."closeDate") AS close_then
      FROM base b
      LEFT JOIN LATERAL (
        SELECT h."type", h."toStage" FROM "HistoryEntry" h
        WHERE h."opportunityId" = b."id" AND h."at" <= ${since} AND h."type" IN ('created', 'stage_changed', 'reopened', 'disqualified')
        ORDER BY h."at" DESC, h."id" DESC LIMIT 1
      ) last ON true
      LEFT JOIN "Stage" ls ON ls."processVersionId" = b."processVersionId" AND ls."key" = last."toStage"
      LEFT JOIN LATERAL (
        SELECT sum(round(((h."details"->'changes'->'amount'->>'to')::numeric - (h."details"->'changes'->'amount'->>'from')::numeric) * 100)) AS "delta"
        FROM "HistoryEntry" h
        WHERE h."opportunityId" = b."id" AND h."at" > ${since} AND h."type" = 'field_changed' AND h."details"->'changes'->'amount' IS NOT NULL
      ) chg ON true
      LEFT JOIN LATERAL (
        SELECT c."oldDate" FROM "CloseDateChange" c WHERE c."opportunityId" = b."id" AND c."changedAt" > ${since}
        ORDER BY c."changedAt", c."id" LIMIT 1
      ) cd ON true
    ),
    classified AS (
      SELECT st.*, CASE
          WHEN in_then AND in_now THEN 'stay'
          WHEN NOT in_then AND in_now THEN CASE WHEN NOT existed THEN 'new' ELSE 'pulledIn' END
          WHEN in_then AND NOT in_now THEN CASE status_now WHEN 'won' THEN 'won' WHEN 'lost' THEN 'lost' WHEN 'disqualified' THEN 'disqualified' ELSE 'pushedOut' END
          ELSE 'out'
        END AS step
      FROM (SELECT states.*, states."status"::text AS status_now,
              (COALESCE(status_then = 'open', false) AND ${inPeriod(sql.ref("close_then"))}) AS in_then
            FROM states) st
    )
    SELECT step,
      count(*) AS count,
      sum(CASE WHEN in_currency THEN amount_then ELSE 0 END) AS value_then,
      sum(CASE WHEN in_currency THEN "amountCents" ELSE 0 END) AS value_now,
      count(*) FILTER (WHERE step = 'stay' AND order_now > order_then) AS forward,
      count(*) FILTER (WHERE step = 'stay' AND order_now < order_then) AS back,
      count(*) FILTER (WHERE step = 'stay' AND "amountCents" <> amount_then) AS amount_changed
    FROM classified WHERE step <> 'out' GROUP BY step`.execute(q);
  const by = new Map(rows.map((r) => [String(r.step), r]));
  const row = (step: string) => by.get(step);
  const thenValue = (step: string) => money(row(step)?.value_then);
  const nowValue = (step: string) => money(row(step)?.value_now);
  const stay = row("stay");
  const leaving = ["pushedOut", "won", "lost", "disqualified"] as const;
  const steps = {
    new: { count: n(row("new")?.count), value: nowValue("new") },
    pulledIn: { count: n(row("pulledIn")?.count), value: nowValue("pulledIn") },
    ...Object.fromEntries(leaving.map((s) => [s, { count: n(row(s)?.count), value: -thenValue(s) }])),
    amountChanges: { count: n(stay?.amount_changed), value: nowValue("stay") - thenValue("stay") },
  } as Movement["steps"];
  return {
    since: since.toISOString(),
    start: {
      count: n(stay?.count) + leaving.reduce((sum, s) => sum + n(row(s)?.count), 0),
      value: thenValue("stay") + leaving.reduce((sum, s) => sum + thenValue(s), 0),
    },
    now: { count: n(stay?.count) + steps.new.count + steps.pulledIn.count, value: nowValue("stay") + steps.new.value + steps.pulledIn.value },
    steps,
    movedForward: n(stay?.forward),
    movedBack: n(stay?.back),
  };
}
