-- A checklist item's state is its latest outbox message: read by item, newest first, without scanning the outbox.
CREATE INDEX "OutboxMessage_checklistItemId_createdAt_idx" ON "OutboxMessage"("checklistItemId", "createdAt");
