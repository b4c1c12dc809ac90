-- The closed deals' summary added up over all months (docs/decisions/016-closed-stage-totals.md): per
-- owner, process version, currency and stage reached, the won and lost deals' counts and values. The
-- conversion over closed history reads these totals less the months from the one its period ends in,
-- a row per owner and stage instead of one per owner, stage and month of three years.
--
-- Kept by triggers on "ClosedStageCount" itself, in the statement that changes it (which the triggers
-- on "Opportunity" run in the transaction that changes a deal): whatever changes the monthly rows
-- changes the totals by as much. Each statement's change is added up by key and applied in key order;
-- a total that falls to zero is removed, as a monthly row is. An upsert of monthly rows runs two of
-- these triggers (the rows it updated, then those it inserted), each in its own key order, so two
-- transactions could still take one owner's totals in opposite orders: each trigger first takes a
-- transaction lock per owner it changes (in owner order), and the changes of one owner's totals wait
-- for each other whole.
CREATE TABLE "ClosedStageTotal" (
    "ownerId" TEXT NOT NULL,
    "processVersionId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "reached" INTEGER NOT NULL,
    "won" INTEGER NOT NULL,
    "reachedCents" BIGINT NOT NULL,
    "wonCents" BIGINT NOT NULL,

    CONSTRAINT "ClosedStageTotal_pkey" PRIMARY KEY ("ownerId","processVersionId","currency","stage")
);

CREATE FUNCTION "stageline_closed_totals_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('stageline:closed-totals'), hashtext(o."ownerId"))
    FROM (SELECT DISTINCT a."ownerId" FROM added a ORDER BY 1) o;
  INSERT INTO "ClosedStageTotal" AS t ("ownerId", "processVersionId", "currency", "stage", "reached", "won", "reachedCents", "wonCents")
    SELECT a."ownerId", a."processVersionId", a."currency", a."stage", sum(a."reached"), sum(a."won"), sum(a."reachedCents"), sum(a."wonCents")
    FROM added a GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("ownerId", "processVersionId", "currency", "stage") DO UPDATE SET
    "reached" = t."reached" + EXCLUDED."reached", "won" = t."won" + EXCLUDED."won",
    "reachedCents" = t."reachedCents" + EXCLUDED."reachedCents", "wonCents" = t."wonCents" + EXCLUDED."wonCents";
  RETURN NULL;
END;
$$;

CREATE FUNCTION "stageline_closed_totals_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('stageline:closed-totals'), hashtext(o."ownerId"))
    FROM (SELECT a."ownerId" FROM added a UNION SELECT r."ownerId" FROM removed r ORDER BY 1) o;
  WITH d AS (
    SELECT a."ownerId", a."processVersionId", a."currency", a."stage", a."reached", a."won", a."reachedCents", a."wonCents" FROM added a
    UNION ALL
    SELECT r."ownerId", r."processVersionId", r."currency", r."stage", -r."reached", -r."won", -r."reachedCents", -r."wonCents" FROM removed r
  )
  INSERT INTO "ClosedStageTotal" AS t ("ownerId", "processVersionId", "currency", "stage", "reached", "won", "reachedCents", "wonCents")
    SELECT d."ownerId", d."processVersionId", d."currency", d."stage", sum(d."reached"), sum(d."won"), sum(d."reachedCents"), sum(d."wonCents")
    FROM d GROUP BY 1, 2, 3, 4
    HAVING sum(d."reached") <> 0 OR sum(d."won") <> 0 OR sum(d."reachedCents") <> 0 OR sum(d."wonCents") <> 0
    ORDER BY 1, 2, 3, 4
  ON CONFLICT ("ownerId", "processVersionId", "currency", "stage") DO UPDATE SET
    "reached" = t."reached" + EXCLUDED."reached", "won" = t."won" + EXCLUDED."won",
    "reachedCents" = t."reachedCents" + EXCLUDED."reachedCents", "wonCents" = t."wonCents" + EXCLUDED."wonCents";
  DELETE FROM "ClosedStageTotal" t
    USING (SELECT DISTINCT "ownerId", "processVersionId", "currency", "stage" FROM removed) r
    WHERE (t."ownerId", t."processVersionId", t."currency", t."stage") = (r."ownerId", r."processVersionId", r."currency", r."stage")
      AND t."reached" = 0;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "stageline_closed_totals_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('stageline:closed-totals'), hashtext(o."ownerId"))
    FROM (SELECT DISTINCT r."ownerId" FROM removed r ORDER BY 1) o;
  WITH d AS (
    SELECT r."ownerId", r."processVersionId", r."currency", r."stage", sum(r."reached") AS "reached", sum(r."won") AS "won",
      sum(r."reachedCents") AS "reachedCents", sum(r."wonCents") AS "wonCents"
    FROM removed r GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  )
  UPDATE "ClosedStageTotal" t SET "reached" = t."reached" - d."reached", "won" = t."won" - d."won",
    "reachedCents" = t."reachedCents" - d."reachedCents", "wonCents" = t."wonCents" - d."wonCents"
  FROM d WHERE (t."ownerId", t."processVersionId", t."currency", t."stage") = (d."ownerId", d."processVersionId", d."currency", d."stage");
  DELETE FROM "ClosedStageTotal" t
    USING (SELECT DISTINCT "ownerId", "processVersionId", "currency", "stage" FROM removed) r
    WHERE (t."ownerId", t."processVersionId", t."currency", t."stage") = (r."ownerId", r."processVersionId", r."currency", r."stage")
      AND t."reached" = 0;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "stageline_closed_totals_cleared"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ClosedStageTotal";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "ClosedStageCount_totals_inserted" AFTER INSERT ON "ClosedStageCount"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "stageline_closed_totals_added"();
CREATE TRIGGER "ClosedStageCount_totals_updated" AFTER UPDATE ON "ClosedStageCount"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "stageline_closed_totals_changed"();
CREATE TRIGGER "ClosedStageCount_totals_deleted" AFTER DELETE ON "ClosedStageCount"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "stageline_closed_totals_removed"();
CREATE TRIGGER "ClosedStageCount_totals_truncated" AFTER TRUNCATE ON "ClosedStageCount"
  FOR EACH STATEMENT EXECUTE FUNCTION "stageline_closed_totals_cleared"();

-- The months already there.
INSERT INTO "ClosedStageTotal" ("ownerId", "processVersionId", "currency", "stage", "reached", "won", "reachedCents", "wonCents")
  SELECT "ownerId", "processVersionId", "currency", "stage", sum("reached"), sum("won"), sum("reachedCents"), sum("wonCents")
  FROM "ClosedStageCount" GROUP BY 1, 2, 3, 4;
