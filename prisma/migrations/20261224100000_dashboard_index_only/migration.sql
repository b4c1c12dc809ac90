-- Index-only reads for three of the dashboard's lookups (docs/performance.md, "Dashboard figures"):
-- each index now holds every column its lookup reads, so the rows of pages the visibility map marks
-- all-visible are answered from the index without a visit to the table. The map is kept by
-- autovacuum on a server and by the app's own upkeep on the embedded database
-- (src/server/ops/embedded-upkeep.ts); a row in a page changed since is read from the table as before.

-- A deal's latest stage-bearing entry at a past instant (the movement's state then): by deal and time,
-- the entry's id breaking ties, with what the lookup reads of it.
DROP INDEX "HistoryEntry_stage_bearing_idx";
CREATE INDEX "HistoryEntry_stage_bearing_idx" ON "HistoryEntry" ("opportunityId", "at", "id") INCLUDE ("type", "toStage")
  WHERE "type" IN ('created', 'stage_changed', 'reopened', 'imported', 'disqualified');

-- Each owner's histogram of deal sizes (the size mix's percentiles), counts included.
ALTER TABLE "DealSizeCount" DROP CONSTRAINT "DealSizeCount_pkey",
  ADD CONSTRAINT "DealSizeCount_pkey" PRIMARY KEY ("ownerId", "processVersionId", "currency", "band") INCLUDE ("deals");

-- The deals of one band of a team, in order of amount, with the process version the lookup filters on.
DROP INDEX "Opportunity_size_band_idx";
CREATE INDEX "Opportunity_size_band_idx" ON "Opportunity" ("ownerId", "currency", "stageline_size_band"("amountCents"), "amountCents")
  INCLUDE ("processVersionId") WHERE "status" <> 'disqualified';
