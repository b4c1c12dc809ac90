-- The dashboard's pipeline movement (src/server/metrics/movement.ts) asks, for each deal in scope,
-- whether it moved since a date and by how much its amount changed since, and where it stood on that
-- date. Each question reads only one kind of entry: these partial indexes hold just those entries, by
-- deal and time, so the answers never read a deal's everyday entries (criteria, next steps, plans),
-- which are most of the history (docs/performance.md, "Dashboard figures").
CREATE INDEX "HistoryEntry_stage_bearing_idx" ON "HistoryEntry" ("opportunityId", "at")
  WHERE "type" IN ('created', 'stage_changed', 'reopened', 'imported', 'disqualified');
CREATE INDEX "HistoryEntry_amount_change_idx" ON "HistoryEntry" ("opportunityId", "at")
  WHERE "type" = 'field_changed' AND ("details" -> 'changes' -> 'amount') IS NOT NULL;
