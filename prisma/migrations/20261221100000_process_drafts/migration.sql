-- Process drafts (docs/rules/sales-process.md#drafts), qualification questions on stages, and the
-- history entry of a deal moved onto a newer version of its process.
-- AlterEnum
ALTER TYPE "HistoryType" ADD VALUE 'process_changed';

-- AlterTable
ALTER TABLE "Stage" ADD COLUMN     "questions" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "ProcessDraft" (
    "id" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "basedOnVersion" INTEGER,
    "template" TEXT,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcessDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProcessDraft_processKey_key" ON "ProcessDraft"("processKey");

