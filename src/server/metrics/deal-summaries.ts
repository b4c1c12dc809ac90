// The dashboard's summaries of the deals (docs/decisions/011-dashboard-deal-summaries.md), kept by
// triggers on "Opportunity" in the statement that changes a deal (prisma/migrations/
// 20261220000000_dashboard_deal_summaries): how many deals each owner has per process version and
// currency ("DealCurrencyCount", a scope's main currency), and the won and lost deals per owner,
// version, currency, month of closing and stage reached ("ClosedStageCount", the conversion over
// closed history), with its totals over all months ("ClosedStageTotal", migration 20261224200000, kept
// by triggers on ClosedStageCount); and, from migration 20261223100000, the deals per owner, version, currency and band
// of amount ("DealSizeCount", where the size mix's percentiles fall; decision 013). This is the same built from the deals alone: the migration's backfill, a rebuild
// after a bulk load that went around the triggers, and the check that the kept ones have not drifted.
import { sql } from "kysely";
import type { Sql } from "../db";

/** The currency counts from the deals. */
const currencyCounts = sql`SELECT "ownerId", "processVersionId", "currency", CAST(count(*) AS integer) AS "deals"
  FROM "Opportunity" GROUP BY 1, 2, 3`;

/** The closed deals' counts from the deals: each won or lost deal once per stage it reached, in the month it closed. */
const closedCounts = sql`SELECT d."ownerId", d."processVersionId", d."currency", CAST(date_trunc('month', d."closedAt") AS date) AS "month", r."stage",
    CAST(count(*) AS integer) AS "reached", CAST(count(*) FILTER (WHERE d."status" = 'won') AS integer) AS "won",
    CAST(sum(d."amountCents") AS bigint) AS "reachedCents", CAST(COALESCE(sum(d."amountCents") FILTER (WHERE d."status" = 'won'), 0) AS bigint) AS "wonCents"
  FROM "Opportunity" d CROSS JOIN LATERAL (SELECT DISTINCT unnest(d."reachedStages") AS "stage") r
  WHERE d."status" IN ('won', 'lost') AND d."closedAt" IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5`;

/** The closed deals' totals over all months, from the deals. */
const closedTotals = sql`SELECT c."ownerId", c."processVersionId", c."currency", c."stage", CAST(sum(c."reached") AS integer) AS "reached",
    CAST(sum(c."won") AS integer) AS "won", CAST(sum(c."reachedCents") AS bigint) AS "reachedCents", CAST(sum(c."wonCents") AS bigint) AS "wonCents"
  FROM (${closedCounts}) c GROUP BY 1, 2, 3, 4`;

/** The size histogram from the deals: disqualified deals never count. */
const sizeCounts = sql`SELECT "ownerId", "processVersionId", "currency", "stageline_size_band"("amountCents") AS "band", CAST(count(*) AS integer) AS "deals"
  FROM "Opportunity" WHERE "status" <> 'disqualified' GROUP BY 1, 2, 3, 4`;

/**
 * Rewrites the three summaries from the deals; answers how many rows it wrote. Run it in a transaction
 * (`database().transaction`) or while nothing else writes deals: a deal changed between its
 * statements would be counted as it was read.
 */
export async function rebuildDealSummaries(q: Sql): Promise<number> {
  await sql`DELETE FROM "DealCurrencyCount"`.execute(q);
  await sql`DELETE FROM "ClosedStageCount"`.execute(q);
  // Whatever the totals held (its triggers took the months just deleted away): the months written
  // next add up to them again.
  await sql`DELETE FROM "ClosedStageTotal"`.execute(q);
  await sql`DELETE FROM "DealSizeCount"`.execute(q);
  const currencies = await sql`INSERT INTO "DealCurrencyCount" ("ownerId", "processVersionId", "currency", "deals") ${currencyCounts}`.execute(q);
  const closed =
    await sql`INSERT INTO "ClosedStageCount" ("ownerId", "processVersionId", "currency", "month", "stage", "reached", "won", "reachedCents", "wonCents")
    ${closedCounts}`.execute(q);
  const sizes = await sql`INSERT INTO "DealSizeCount" ("ownerId", "processVersionId", "currency", "band", "deals") ${sizeCounts}`.execute(q);
  return Number(currencies.numAffectedRows ?? 0) + Number(closed.numAffectedRows ?? 0) + Number(sizes.numAffectedRows ?? 0);
}

export type SummaryDrift = {
  summary: "DealCurrencyCount" | "ClosedStageCount" | "ClosedStageTotal" | "DealSizeCount";
  key: string;
  kept: string | null;
  fromDeals: string | null;
};

/** The rows where a kept summary differs from the deals' (none, unless something wrote around the triggers). */
export async function dealSummariesDrift(q: Sql): Promise<SummaryDrift[]> {
  const { rows } = await sql<SummaryDrift>`
    SELECT 'DealCurrencyCount' AS summary, concat_ws('/', COALESCE(k."ownerId", f."ownerId"), COALESCE(k."processVersionId", f."processVersionId"),
        COALESCE(k."currency", f."currency")) AS key,
      CAST(k."deals" AS text) AS kept, CAST(f."deals" AS text) AS "fromDeals"
    FROM "DealCurrencyCount" k FULL JOIN (${currencyCounts}) f
      ON (f."ownerId", f."processVersionId", f."currency") = (k."ownerId", k."processVersionId", k."currency")
    WHERE k."deals" IS DISTINCT FROM f."deals"
    UNION ALL
    SELECT 'ClosedStageCount', concat_ws('/', COALESCE(k."ownerId", f."ownerId"), COALESCE(k."processVersionId", f."processVersionId"),
        COALESCE(k."currency", f."currency"), CAST(COALESCE(k."month", f."month") AS text), COALESCE(k."stage", f."stage")),
      CASE WHEN k."stage" IS NOT NULL THEN concat_ws(' ', k."reached", k."won", k."reachedCents", k."wonCents") END,
      CASE WHEN f."stage" IS NOT NULL THEN concat_ws(' ', f."reached", f."won", f."reachedCents", f."wonCents") END
    FROM "ClosedStageCount" k FULL JOIN (${closedCounts}) f
      ON (f."ownerId", f."processVersionId", f."currency", f."month", f."stage") = (k."ownerId", k."processVersionId", k."currency", k."month", k."stage")
    WHERE (k."reached", k."won", k."reachedCents", k."wonCents") IS DISTINCT FROM (f."reached", f."won", f."reachedCents", f."wonCents")
    UNION ALL
    SELECT 'ClosedStageTotal', concat_ws('/', COALESCE(k."ownerId", f."ownerId"), COALESCE(k."processVersionId", f."processVersionId"),
        COALESCE(k."currency", f."currency"), COALESCE(k."stage", f."stage")),
      CASE WHEN k."stage" IS NOT NULL THEN concat_ws(' ', k."reached", k."won", k."reachedCents", k."wonCents") END,
      CASE WHEN f."stage" IS NOT NULL THEN concat_ws(' ', f."reached", f."won", f."reachedCents", f."wonCents") END
    FROM "ClosedStageTotal" k FULL JOIN (${closedTotals}) f
      ON (f."ownerId", f."processVersionId", f."currency", f."stage") = (k."ownerId", k."processVersionId", k."currency", k."stage")
    WHERE (k."reached", k."won", k."reachedCents", k."wonCents") IS DISTINCT FROM (f."reached", f."won", f."reachedCents", f."wonCents")
    UNION ALL
    SELECT 'DealSizeCount', concat_ws('/', COALESCE(k."ownerId", f."ownerId"), COALESCE(k."processVersionId", f."processVersionId"),
        COALESCE(k."currency", f."currency"), CAST(COALESCE(k."band", f."band") AS text)),
      CAST(k."deals" AS text), CAST(f."deals" AS text)
    FROM "DealSizeCount" k FULL JOIN (${sizeCounts}) f
      ON (f."ownerId", f."processVersionId", f."currency", f."band") = (k."ownerId", k."processVersionId", k."currency", k."band")
    WHERE k."deals" IS DISTINCT FROM f."deals"
    ORDER BY 1, 2`.execute(q);
  return rows;
}
