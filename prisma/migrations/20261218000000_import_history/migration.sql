-- A CSV import places deals in their stage as data (docs/rules/import.md): its history entry is of its
-- own type, so nobody reads it as a move that passed (or skipped) the exit criteria.
ALTER TYPE "HistoryType" ADD VALUE 'imported';

-- The stage an import places a deal in is a stage the deal has reached: the dashboard's conversion
-- counts it like the stage a deal was created in. The trigger is re-made with the new type (a value
-- added to an enum cannot be compared with in this transaction, so the type is compared as text).
DROP TRIGGER "HistoryEntry_stage_reached" ON "HistoryEntry";
CREATE TRIGGER "HistoryEntry_stage_reached" AFTER INSERT ON "HistoryEntry"
  FOR EACH ROW WHEN (NEW."type"::text IN ('created', 'stage_changed', 'reopened', 'imported') AND NEW."toStage" IS NOT NULL)
  EXECUTE FUNCTION "stageline_note_stage_reached"();
