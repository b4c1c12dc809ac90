-- The stages each deal has entered (created in, moved or re-opened into), kept beside the deal so that
-- the dashboard's stage conversion is one pass over the deals instead of a join with their whole
-- history (docs/rules/dashboard.md, docs/decisions/008-reached-stages-summary.md).
ALTER TABLE "Opportunity" ADD COLUMN "reachedStages" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- Kept by the database in the transaction that writes the history entry, whoever writes it: the
-- summary cannot drift from the history it summarises.
CREATE FUNCTION "stageline_note_stage_reached"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Opportunity" SET "reachedStages" = array_append("reachedStages", NEW."toStage")
  WHERE "id" = NEW."opportunityId" AND NOT (NEW."toStage" = ANY ("reachedStages"));
  RETURN NULL;
END;
$$;

CREATE TRIGGER "HistoryEntry_stage_reached" AFTER INSERT ON "HistoryEntry"
  FOR EACH ROW WHEN (NEW."type" IN ('created', 'stage_changed', 'reopened') AND NEW."toStage" IS NOT NULL)
  EXECUTE FUNCTION "stageline_note_stage_reached"();

-- The deals already there: their stages from their history, in the order first entered.
UPDATE "Opportunity" o SET "reachedStages" = r."stages"
FROM (
  SELECT "opportunityId", array_agg("toStage" ORDER BY "first") AS "stages"
  FROM (
    SELECT "opportunityId", "toStage", min("id") AS "first" FROM "HistoryEntry"
    WHERE "type" IN ('created', 'stage_changed', 'reopened') AND "toStage" IS NOT NULL
    GROUP BY 1, 2
  ) s GROUP BY 1
) r
WHERE r."opportunityId" = o."id";
