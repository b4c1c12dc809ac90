-- After the close (docs/rules/closing.md): the Closed Won checklist reads a sent item's state from its
-- outbox message and keeps only when and how it was done by hand; re-engagement plays hold dated
-- touches. Neither table was written before this migration.

-- New enum values cannot be used in the transaction that adds them: nothing below uses them.
ALTER TYPE "ContactRole" ADD VALUE 'customer_contact';
ALTER TYPE "HistoryType" ADD VALUE 'play_updated';
ALTER TYPE "ChecklistKind" ADD VALUE 'signed_contract' BEFORE 'why_won';

ALTER TABLE "PostCloseItem"
  DROP COLUMN "lastError",
  DROP COLUMN "status",
  ADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ADD COLUMN "doneById" TEXT,
  ADD COLUMN "doneNote" TEXT NOT NULL DEFAULT '';
ALTER TABLE "PostCloseItem" ADD CONSTRAINT "PostCloseItem_doneById_fkey"
  FOREIGN KEY ("doneById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
DROP TYPE "ChecklistStatus";

DROP INDEX "ReengagementPlay_status_remindOn_idx";
ALTER TABLE "ReengagementPlay" DROP COLUMN "remindOn", DROP COLUMN "status";
DROP TYPE "PlayStatus";
CREATE TYPE "PlayStatus" AS ENUM ('active', 'ended');
CREATE TYPE "PlayEnding" AS ENUM ('reopened', 'buyer_answered', 'closed', 'last_touch');
ALTER TABLE "ReengagementPlay"
  ADD COLUMN "status" "PlayStatus" NOT NULL DEFAULT 'active',
  ADD COLUMN "endedAs" "PlayEnding",
  ADD COLUMN "endedAt" TIMESTAMP(3),
  ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL;
CREATE INDEX "ReengagementPlay_opportunityId_idx" ON "ReengagementPlay"("opportunityId");
-- One active play of each kind per deal, held by the database whatever the callers race.
CREATE UNIQUE INDEX "ReengagementPlay_one_active_per_kind" ON "ReengagementPlay"("opportunityId", "kind") WHERE "status" = 'active';

CREATE TABLE "PlayTouch" (
    "id" TEXT NOT NULL,
    "playId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "dueOn" DATE NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "remindedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "PlayTouch_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PlayTouch_dueOn_idx" ON "PlayTouch"("dueOn");
CREATE UNIQUE INDEX "PlayTouch_playId_position_key" ON "PlayTouch"("playId", "position");
ALTER TABLE "PlayTouch" ADD CONSTRAINT "PlayTouch_playId_fkey"
  FOREIGN KEY ("playId") REFERENCES "ReengagementPlay"("id") ON DELETE CASCADE ON UPDATE CASCADE;
