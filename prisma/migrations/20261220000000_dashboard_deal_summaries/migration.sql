-- The dashboard's summaries of the deals (docs/decisions/011-dashboard-deal-summaries.md): how many
-- deals each owner has per process version and currency (a scope's main currency), and the won and
-- lost deals per owner, version, currency, month of closing and stage reached (the stage conversion
-- over closed history, for the pipeline value factor). Both are kept by triggers on "Opportunity" in
-- the statement that changes a deal, whoever writes it, so they are exact and current; both are
-- rebuilt from the deals alone by src/server/metrics/deal-summaries.ts, which also finds any drift.
-- CreateTable
CREATE TABLE "DealCurrencyCount" (
    "ownerId" TEXT NOT NULL,
    "processVersionId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "deals" INTEGER NOT NULL,

    CONSTRAINT "DealCurrencyCount_pkey" PRIMARY KEY ("ownerId","processVersionId","currency")
);

-- CreateTable
CREATE TABLE "ClosedStageCount" (
    "ownerId" TEXT NOT NULL,
    "processVersionId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "stage" TEXT NOT NULL,
    "reached" INTEGER NOT NULL,
    "won" INTEGER NOT NULL,
    "reachedCents" BIGINT NOT NULL,
    "wonCents" BIGINT NOT NULL,

    CONSTRAINT "ClosedStageCount_pkey" PRIMARY KEY ("ownerId","processVersionId","currency","month","stage")
);


-- Deals inserted (one or many in a statement: an import's batch, a generated data set): counted by
-- statement, one upsert per key rather than one per deal. Keys in order, so that two transactions
-- lock the summary rows they share in the same order.
CREATE FUNCTION "stageline_count_inserted_deals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DealCurrencyCount" AS c ("ownerId", "processVersionId", "currency", "deals")
    SELECT d."ownerId", d."processVersionId", d."currency", count(*) FROM inserted d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("ownerId", "processVersionId", "currency") DO UPDATE SET "deals" = c."deals" + EXCLUDED."deals";
  INSERT INTO "ClosedStageCount" AS c ("ownerId", "processVersionId", "currency", "month", "stage", "reached", "won", "reachedCents", "wonCents")
    SELECT d."ownerId", d."processVersionId", d."currency", CAST(date_trunc('month', d."closedAt") AS date), r."stage",
      count(*), count(*) FILTER (WHERE d."status" = 'won'), sum(d."amountCents"), COALESCE(sum(d."amountCents") FILTER (WHERE d."status" = 'won'), 0)
    FROM inserted d CROSS JOIN LATERAL (SELECT DISTINCT unnest(d."reachedStages") AS "stage") r
    WHERE d."status" IN ('won', 'lost') AND d."closedAt" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("ownerId", "processVersionId", "currency", "month", "stage") DO UPDATE SET
    "reached" = c."reached" + EXCLUDED."reached", "won" = c."won" + EXCLUDED."won",
    "reachedCents" = c."reachedCents" + EXCLUDED."reachedCents", "wonCents" = c."wonCents" + EXCLUDED."wonCents";
  RETURN NULL;
END;
$$;

-- A deal changed or deleted: the deal as it was counted taken out, as it is now put in (none when
-- deleted), one statement per summary, keys whose counts do not change left alone, rows that fall to
-- zero removed.
CREATE FUNCTION "stageline_count_changed_deal"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- NEW is null when the deal is deleted: its row matches no key below.
  WITH d AS (
    SELECT OLD."ownerId", OLD."processVersionId", OLD."currency", -1 AS "sign"
    UNION ALL
    SELECT NEW."ownerId", NEW."processVersionId", NEW."currency", 1 WHERE TG_OP = 'UPDATE'
  )
  INSERT INTO "DealCurrencyCount" AS c ("ownerId", "processVersionId", "currency", "deals")
    SELECT d."ownerId", d."processVersionId", d."currency", sum(d."sign") FROM d
    GROUP BY 1, 2, 3 HAVING sum(d."sign") <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("ownerId", "processVersionId", "currency") DO UPDATE SET "deals" = c."deals" + EXCLUDED."deals";
  DELETE FROM "DealCurrencyCount" c
    WHERE c."deals" = 0 AND ((c."ownerId", c."processVersionId", c."currency") = (OLD."ownerId", OLD."processVersionId", OLD."currency")
      OR (c."ownerId", c."processVersionId", c."currency") = (NEW."ownerId", NEW."processVersionId", NEW."currency"));

  WITH d AS (
    SELECT OLD."ownerId", OLD."processVersionId", OLD."currency", OLD."status"::text AS "status", OLD."closedAt", OLD."amountCents",
      OLD."reachedStages", -1 AS "sign"
    UNION ALL
    SELECT NEW."ownerId", NEW."processVersionId", NEW."currency", NEW."status"::text, NEW."closedAt", NEW."amountCents", NEW."reachedStages", 1
    WHERE TG_OP = 'UPDATE'
  )
  INSERT INTO "ClosedStageCount" AS c ("ownerId", "processVersionId", "currency", "month", "stage", "reached", "won", "reachedCents", "wonCents")
    SELECT d."ownerId", d."processVersionId", d."currency", CAST(date_trunc('month', d."closedAt") AS date), r."stage",
      sum(d."sign"), COALESCE(sum(d."sign") FILTER (WHERE d."status" = 'won'), 0),
      sum(d."sign" * d."amountCents"), COALESCE(sum(d."sign" * d."amountCents") FILTER (WHERE d."status" = 'won'), 0)
    FROM d CROSS JOIN LATERAL (SELECT DISTINCT unnest(d."reachedStages") AS "stage") r
    WHERE d."status" IN ('won', 'lost') AND d."closedAt" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(d."sign") <> 0 OR sum(d."sign") FILTER (WHERE d."status" = 'won') <> 0 OR sum(d."sign" * d."amountCents") <> 0
      OR sum(d."sign" * d."amountCents") FILTER (WHERE d."status" = 'won') <> 0
    ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("ownerId", "processVersionId", "currency", "month", "stage") DO UPDATE SET
    "reached" = c."reached" + EXCLUDED."reached", "won" = c."won" + EXCLUDED."won",
    "reachedCents" = c."reachedCents" + EXCLUDED."reachedCents", "wonCents" = c."wonCents" + EXCLUDED."wonCents";
  DELETE FROM "ClosedStageCount" c
    WHERE c."reached" = 0 AND ((c."ownerId", c."processVersionId", c."currency") = (OLD."ownerId", OLD."processVersionId", OLD."currency")
      OR (c."ownerId", c."processVersionId", c."currency") = (NEW."ownerId", NEW."processVersionId", NEW."currency"));
  RETURN NULL;
END;
$$;

CREATE FUNCTION "stageline_clear_deal_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "DealCurrencyCount";
  DELETE FROM "ClosedStageCount";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Opportunity_count_inserted" AFTER INSERT ON "Opportunity"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "stageline_count_inserted_deals"();
-- Only a change to what the summaries count fires it: a stage move of an open deal (the hot path)
-- does not.
CREATE TRIGGER "Opportunity_count_changed" AFTER UPDATE ON "Opportunity"
  FOR EACH ROW WHEN (
    OLD."ownerId" IS DISTINCT FROM NEW."ownerId" OR OLD."processVersionId" IS DISTINCT FROM NEW."processVersionId"
    OR OLD."currency" IS DISTINCT FROM NEW."currency"
    OR ((OLD."status" IN ('won', 'lost') OR NEW."status" IN ('won', 'lost'))
      AND (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."closedAt" IS DISTINCT FROM NEW."closedAt"
        OR OLD."amountCents" IS DISTINCT FROM NEW."amountCents" OR OLD."reachedStages" IS DISTINCT FROM NEW."reachedStages"))
  ) EXECUTE FUNCTION "stageline_count_changed_deal"();
CREATE TRIGGER "Opportunity_count_deleted" AFTER DELETE ON "Opportunity"
  FOR EACH ROW EXECUTE FUNCTION "stageline_count_changed_deal"();
CREATE TRIGGER "Opportunity_count_truncated" AFTER TRUNCATE ON "Opportunity"
  FOR EACH STATEMENT EXECUTE FUNCTION "stageline_clear_deal_counts"();

-- The deals already there.
INSERT INTO "DealCurrencyCount" ("ownerId", "processVersionId", "currency", "deals")
  SELECT "ownerId", "processVersionId", "currency", count(*) FROM "Opportunity" GROUP BY 1, 2, 3;
INSERT INTO "ClosedStageCount" ("ownerId", "processVersionId", "currency", "month", "stage", "reached", "won", "reachedCents", "wonCents")
  SELECT d."ownerId", d."processVersionId", d."currency", CAST(date_trunc('month', d."closedAt") AS date), r."stage",
    count(*), count(*) FILTER (WHERE d."status" = 'won'), sum(d."amountCents"), COALESCE(sum(d."amountCents") FILTER (WHERE d."status" = 'won'), 0)
  FROM "Opportunity" d CROSS JOIN LATERAL (SELECT DISTINCT unnest(d."reachedStages") AS "stage") r
  WHERE d."status" IN ('won', 'lost') AND d."closedAt" IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;
