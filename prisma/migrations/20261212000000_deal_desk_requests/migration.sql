-- The deal desk: requests that go stale and are resubmitted, approvals carried over, rules kept in
-- versions, a deputy for the sales manager group, and workspace settings (docs/rules/deal-desk.md).

-- A new enum value cannot be used in the transaction that adds it: nothing below uses it.
ALTER TYPE "ApprovalStatus" ADD VALUE 'stale';

ALTER TABLE "ApprovalRequest"
  ADD COLUMN "previousRequestId" TEXT,
  ADD COLUMN "staleAt" TIMESTAMP(3),
  ADD COLUMN "changedTerms" JSONB,
  ADD COLUMN "withdrawnAt" TIMESTAMP(3);
CREATE UNIQUE INDEX "ApprovalRequest_previousRequestId_key" ON "ApprovalRequest"("previousRequestId");
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_previousRequestId_fkey"
  FOREIGN KEY ("previousRequestId") REFERENCES "ApprovalRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- One open (pending) request per deal, held by the database whatever the callers race.
CREATE UNIQUE INDEX "ApprovalRequest_one_pending_per_deal" ON "ApprovalRequest"("opportunityId") WHERE "status" = 'pending';

ALTER TABLE "ApprovalDecision" ADD COLUMN "carriedFromRequestId" TEXT;
ALTER TABLE "ApprovalDecision" ADD CONSTRAINT "ApprovalDecision_carriedFromRequestId_fkey"
  FOREIGN KEY ("carriedFromRequestId") REFERENCES "ApprovalRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "DealDeskRule" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "DealDeskRuleVersion" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "condition" JSONB NOT NULL,
    "groups" "ApproverGroup"[],
    "active" BOOLEAN NOT NULL,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "DealDeskRuleVersion_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DealDeskRuleVersion_ruleId_version_key" ON "DealDeskRuleVersion"("ruleId", "version");
ALTER TABLE "DealDeskRuleVersion" ADD CONSTRAINT "DealDeskRuleVersion_ruleId_fkey"
  FOREIGN KEY ("ruleId") REFERENCES "DealDeskRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DealDeskRuleVersion" ADD CONSTRAINT "DealDeskRuleVersion_createdById_fkey"
  FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- The rules already written are their own first version.
INSERT INTO "DealDeskRuleVersion" ("id", "ruleId", "version", "label", "condition", "groups", "active", "position", "createdAt")
  SELECT 'v1-' || "id", "id", 1, "label", "condition", "groups", "active", "position", "updatedAt" FROM "DealDeskRule";

ALTER TABLE "Team" ADD COLUMN "approvalDeputyId" TEXT;
ALTER TABLE "Team" ADD CONSTRAINT "Team_approvalDeputyId_fkey"
  FOREIGN KEY ("approvalDeputyId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);
