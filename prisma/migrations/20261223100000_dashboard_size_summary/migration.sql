-- The size mix's default thresholds are each team's 80th and 40th percentile deal size over all its
-- deals of the process in a currency (docs/rules/dashboard.md, "Balance"): read from the deals, that
-- is a pass over most of them and a sort of their amounts on every request. Instead
-- (docs/decisions/013-size-percentiles-from-a-histogram.md): a histogram of the deals' amounts, per
-- owner, process version and currency, kept by triggers on "Opportunity" in the statement that changes
-- a deal, tells which narrow band of amounts holds the deal at a given rank; an index by owner,
-- currency, band and amount then reads just the deals of that band. The percentile stays exact.

-- The band of an amount: about 6 % wide (16 per factor e), the same number wherever it is computed
-- (the triggers, the index, the query), since they all call this one function.
CREATE FUNCTION "stageline_size_band"(cents bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CAST(floor(ln(CAST(greatest(cents, 1) AS double precision)) * 16) AS integer) $$;

-- CreateTable
CREATE TABLE "DealSizeCount" (
    "ownerId" TEXT NOT NULL,
    "processVersionId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "band" INTEGER NOT NULL,
    "deals" INTEGER NOT NULL,

    CONSTRAINT "DealSizeCount_pkey" PRIMARY KEY ("ownerId","processVersionId","currency","band")
);

-- The deals of one band, by owner, in order of amount (disqualified deals never count).
CREATE INDEX "Opportunity_size_band_idx" ON "Opportunity" ("ownerId", "currency", "stageline_size_band"("amountCents"), "amountCents")
  WHERE "status" <> 'disqualified';

-- Deals inserted (one or many in a statement): counted by statement, keys in order.
CREATE FUNCTION "stageline_count_inserted_sizes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DealSizeCount" AS c ("ownerId", "processVersionId", "currency", "band", "deals")
    SELECT d."ownerId", d."processVersionId", d."currency", "stageline_size_band"(d."amountCents"), count(*)
    FROM inserted d WHERE d."status" <> 'disqualified'
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("ownerId", "processVersionId", "currency", "band") DO UPDATE SET "deals" = c."deals" + EXCLUDED."deals";
  RETURN NULL;
END;
$$;

-- A deal changed or deleted: as it was taken out, as it is put in; rows that fall to zero removed.
CREATE FUNCTION "stageline_count_changed_size"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT OLD."ownerId", OLD."processVersionId", OLD."currency", "stageline_size_band"(OLD."amountCents") AS "band", -1 AS "sign"
    WHERE OLD."status" <> 'disqualified'
    UNION ALL
    SELECT NEW."ownerId", NEW."processVersionId", NEW."currency", "stageline_size_band"(NEW."amountCents"), 1
    WHERE TG_OP = 'UPDATE' AND NEW."status" <> 'disqualified'
  )
  INSERT INTO "DealSizeCount" AS c ("ownerId", "processVersionId", "currency", "band", "deals")
    SELECT d."ownerId", d."processVersionId", d."currency", d."band", sum(d."sign") FROM d
    GROUP BY 1, 2, 3, 4 HAVING sum(d."sign") <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("ownerId", "processVersionId", "currency", "band") DO UPDATE SET "deals" = c."deals" + EXCLUDED."deals";
  DELETE FROM "DealSizeCount" c
    WHERE c."deals" = 0 AND ((c."ownerId", c."processVersionId", c."currency") = (OLD."ownerId", OLD."processVersionId", OLD."currency")
      OR (c."ownerId", c."processVersionId", c."currency") = (NEW."ownerId", NEW."processVersionId", NEW."currency"));
  RETURN NULL;
END;
$$;

CREATE FUNCTION "stageline_clear_size_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "DealSizeCount";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Opportunity_size_inserted" AFTER INSERT ON "Opportunity"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "stageline_count_inserted_sizes"();
-- Only a change to what the histogram counts fires it: a stage move or a close (open, won and lost
-- deals all count) does not; a disqualification, a re-open from it, an amount or owner change does.
CREATE TRIGGER "Opportunity_size_changed" AFTER UPDATE ON "Opportunity"
  FOR EACH ROW WHEN (
    OLD."ownerId" IS DISTINCT FROM NEW."ownerId" OR OLD."processVersionId" IS DISTINCT FROM NEW."processVersionId"
    OR OLD."currency" IS DISTINCT FROM NEW."currency" OR OLD."amountCents" IS DISTINCT FROM NEW."amountCents"
    OR (OLD."status" = 'disqualified') IS DISTINCT FROM (NEW."status" = 'disqualified')
  ) EXECUTE FUNCTION "stageline_count_changed_size"();
CREATE TRIGGER "Opportunity_size_deleted" AFTER DELETE ON "Opportunity"
  FOR EACH ROW EXECUTE FUNCTION "stageline_count_changed_size"();
CREATE TRIGGER "Opportunity_size_truncated" AFTER TRUNCATE ON "Opportunity"
  FOR EACH STATEMENT EXECUTE FUNCTION "stageline_clear_size_counts"();

-- The deals already there.
INSERT INTO "DealSizeCount" ("ownerId", "processVersionId", "currency", "band", "deals")
  SELECT "ownerId", "processVersionId", "currency", "stageline_size_band"("amountCents"), count(*)
  FROM "Opportunity" WHERE "status" <> 'disqualified' GROUP BY 1, 2, 3, 4;

-- Statistics for the new table and the index's expression (a server's autovacuum keeps them later).
ANALYZE "DealSizeCount";
ANALYZE "Opportunity";
