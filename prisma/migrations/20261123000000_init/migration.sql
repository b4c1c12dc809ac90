-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('rep', 'manager', 'deal_desk', 'admin');

-- CreateEnum
CREATE TYPE "DeskGroup" AS ENUM ('finance', 'legal', 'sales_ops');

-- CreateEnum
CREATE TYPE "StageKind" AS ENUM ('open', 'won', 'lost');

-- CreateEnum
CREATE TYPE "ForecastCategory" AS ENUM ('pipeline', 'best_case', 'commit', 'closed', 'omitted');

-- CreateEnum
CREATE TYPE "CriterionType" AS ENUM ('check', 'field', 'document', 'approval', 'plan');

-- CreateEnum
CREATE TYPE "OpportunityType" AS ENUM ('new', 'expansion');

-- CreateEnum
CREATE TYPE "OpportunityStatus" AS ENUM ('open', 'won', 'lost', 'disqualified');

-- CreateEnum
CREATE TYPE "ContactRole" AS ENUM ('decision_maker', 'economic_buyer', 'champion', 'influencer', 'technical_buyer', 'procurement', 'legal', 'user');

-- CreateEnum
CREATE TYPE "HistoryType" AS ENUM ('created', 'stage_changed', 'field_changed', 'criterion_attested', 'criterion_cleared', 'override', 'close_date_changed', 'next_step_changed', 'plan_changed', 'file_attached', 'approval_requested', 'approval_decided', 'approval_invalidated', 'disqualified', 'reopened', 'checklist_updated', 'play_scheduled');

-- CreateEnum
CREATE TYPE "FileKind" AS ENUM ('signed_contract', 'order_form', 'quote', 'other');

-- CreateEnum
CREATE TYPE "ApproverGroup" AS ENUM ('sales_manager', 'finance', 'legal', 'sales_ops');

-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('pending', 'approved', 'rejected', 'changes_requested', 'withdrawn');

-- CreateEnum
CREATE TYPE "Decision" AS ENUM ('approve', 'reject', 'request_changes');

-- CreateEnum
CREATE TYPE "ChecklistKind" AS ENUM ('why_won', 'slack_post', 'welcome_email', 'handoff_meeting');

-- CreateEnum
CREATE TYPE "ChecklistStatus" AS ENUM ('pending', 'done', 'failed');

-- CreateEnum
CREATE TYPE "PlayKind" AS ENUM ('raise_the_dead', 'missed_connections');

-- CreateEnum
CREATE TYPE "PlayStatus" AS ENUM ('scheduled', 'reminded', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "OutboxChannel" AS ENUM ('slack', 'email', 'webhook');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'dead');

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "managerId" TEXT,
    "targetCents" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL,
    "groups" "DeskGroup"[],
    "teamId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Process" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Process_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessVersion" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ProcessVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Stage" (
    "id" TEXT NOT NULL,
    "processVersionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "kind" "StageKind" NOT NULL,
    "probability" INTEGER NOT NULL,
    "forecastCategory" "ForecastCategory" NOT NULL,
    "definition" TEXT NOT NULL,
    "goals" TEXT[],
    "buyerDoing" TEXT[],
    "sellerActivities" TEXT[],
    "doneCorrectly" TEXT NOT NULL DEFAULT '',
    "doneIncorrectly" TEXT NOT NULL DEFAULT '',
    "stallDays" INTEGER,

    CONSTRAINT "Stage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExitCriterion" (
    "id" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" "CriterionType" NOT NULL,
    "order" INTEGER NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ExitCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Opportunity" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "accountName" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "closeDate" DATE NOT NULL,
    "originalCloseDate" DATE NOT NULL,
    "closeDatePushes" INTEGER NOT NULL DEFAULT 0,
    "closeDateSlipDays" INTEGER NOT NULL DEFAULT 0,
    "type" "OpportunityType" NOT NULL DEFAULT 'new',
    "years" INTEGER,
    "users" INTEGER,
    "ownerId" TEXT NOT NULL,
    "processVersionId" TEXT NOT NULL,
    "stageKey" TEXT NOT NULL,
    "stageEnteredAt" TIMESTAMP(3) NOT NULL,
    "status" "OpportunityStatus" NOT NULL DEFAULT 'open',
    "version" INTEGER NOT NULL DEFAULT 1,
    "nextStep" TEXT NOT NULL DEFAULT '',
    "nextStepDue" DATE,
    "discountPercent" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "paymentTermsDays" INTEGER NOT NULL DEFAULT 30,
    "termMonths" INTEGER NOT NULL DEFAULT 12,
    "nonStandardTerms" TEXT NOT NULL DEFAULT '',
    "buyingProcess" TEXT NOT NULL DEFAULT '',
    "decisionCriteria" TEXT NOT NULL DEFAULT '',
    "whyWon" TEXT NOT NULL DEFAULT '',
    "lostReasonCategory" TEXT,
    "lostExplanation" TEXT,
    "lostCompetitor" TEXT,
    "lostMissingFunctionality" TEXT,
    "disqualifiedReason" TEXT,
    "closedAt" TIMESTAMP(3),
    "overriddenAt" TIMESTAMP(3),
    "csmUserId" TEXT,
    "externalId" TEXT,
    "externalSource" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Opportunity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpportunityContact" (
    "id" TEXT NOT NULL,
    "opportunityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL DEFAULT '',
    "role" "ContactRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpportunityContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriterionAttestation" (
    "id" TEXT NOT NULL,
    "opportunityId" TEXT NOT NULL,
    "stageKey" TEXT NOT NULL,
    "criterionKey" TEXT NOT NULL,
    "attestedById" TEXT NOT NULL,
    "attestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT NOT NULL DEFAULT '',
    "evidenceUrl" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "CriterionAttestation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HistoryEntry" (
    "id" BIGSERIAL NOT NULL,
    "opportunityId" TEXT NOT NULL,
    "type" "HistoryType" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "fromStage" TEXT,
    "toStage" TEXT,
    "secondsInStage" INTEGER,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "HistoryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CloseDateChange" (
    "id" TEXT NOT NULL,
    "opportunityId" TEXT NOT NULL,
    "oldDate" DATE NOT NULL,
    "newDate" DATE NOT NULL,
    "slipDays" INTEGER NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "changedById" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CloseDateChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClosePlanStep" (
    "id" TEXT NOT NULL,
    "opportunityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerUserId" TEXT,
    "ownerName" TEXT NOT NULL DEFAULT '',
    "dueDate" DATE,
    "doneAt" TIMESTAMP(3),
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClosePlanStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "File" (
    "id" TEXT NOT NULL,
    "opportunityId" TEXT NOT NULL,
    "kind" "FileKind" NOT NULL,
    "originalName" TEXT NOT NULL,
    "storedName" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "File_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealDeskRule" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "condition" JSONB NOT NULL,
    "groups" "ApproverGroup"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DealDeskRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" TEXT NOT NULL,
    "opportunityId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'pending',
    "requiredGroups" "ApproverGroup"[],
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "termsSnapshot" JSONB NOT NULL,
    "targetHours" INTEGER NOT NULL DEFAULT 24,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalDecision" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "group" "ApproverGroup" NOT NULL,
    "deciderId" TEXT NOT NULL,
    "decision" "Decision" NOT NULL,
    "comment" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostCloseItem" (
    "id" TEXT NOT NULL,
    "opportunityId" TEXT NOT NULL,
    "kind" "ChecklistKind" NOT NULL,
    "status" "ChecklistStatus" NOT NULL DEFAULT 'pending',
    "assigneeId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "lastError" TEXT,
    "doneAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostCloseItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReengagementPlay" (
    "id" TEXT NOT NULL,
    "opportunityId" TEXT NOT NULL,
    "kind" "PlayKind" NOT NULL,
    "remindOn" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "PlayStatus" NOT NULL DEFAULT 'scheduled',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReengagementPlay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "channel" "OutboxChannel" NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "opportunityId" TEXT,
    "checklistItemId" TEXT,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE INDEX "Team_managerId_idx" ON "Team"("managerId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_teamId_idx" ON "User"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Process_key_key" ON "Process"("key");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessVersion_processId_version_key" ON "ProcessVersion"("processId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Stage_processVersionId_key_key" ON "Stage"("processVersionId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Stage_processVersionId_order_key" ON "Stage"("processVersionId", "order");

-- CreateIndex
CREATE UNIQUE INDEX "ExitCriterion_stageId_key_key" ON "ExitCriterion"("stageId", "key");

-- CreateIndex
CREATE INDEX "Opportunity_ownerId_status_stageKey_idx" ON "Opportunity"("ownerId", "status", "stageKey");

-- CreateIndex
CREATE INDEX "Opportunity_status_stageKey_idx" ON "Opportunity"("status", "stageKey");

-- CreateIndex
CREATE INDEX "Opportunity_status_closeDate_idx" ON "Opportunity"("status", "closeDate");

-- CreateIndex
CREATE INDEX "Opportunity_closedAt_idx" ON "Opportunity"("closedAt");

-- CreateIndex
CREATE INDEX "Opportunity_processVersionId_stageKey_idx" ON "Opportunity"("processVersionId", "stageKey");

-- CreateIndex
CREATE UNIQUE INDEX "Opportunity_externalSource_externalId_key" ON "Opportunity"("externalSource", "externalId");

-- CreateIndex
CREATE INDEX "OpportunityContact_opportunityId_role_idx" ON "OpportunityContact"("opportunityId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "CriterionAttestation_opportunityId_stageKey_criterionKey_key" ON "CriterionAttestation"("opportunityId", "stageKey", "criterionKey");

-- CreateIndex
CREATE INDEX "HistoryEntry_opportunityId_id_idx" ON "HistoryEntry"("opportunityId", "id");

-- CreateIndex
CREATE INDEX "HistoryEntry_type_toStage_idx" ON "HistoryEntry"("type", "toStage");

-- CreateIndex
CREATE INDEX "HistoryEntry_at_idx" ON "HistoryEntry"("at");

-- CreateIndex
CREATE INDEX "CloseDateChange_opportunityId_changedAt_idx" ON "CloseDateChange"("opportunityId", "changedAt");

-- CreateIndex
CREATE INDEX "CloseDateChange_changedAt_idx" ON "CloseDateChange"("changedAt");

-- CreateIndex
CREATE INDEX "ClosePlanStep_opportunityId_position_idx" ON "ClosePlanStep"("opportunityId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "File_storageKey_key" ON "File"("storageKey");

-- CreateIndex
CREATE INDEX "File_opportunityId_kind_idx" ON "File"("opportunityId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "DealDeskRule_key_key" ON "DealDeskRule"("key");

-- CreateIndex
CREATE INDEX "ApprovalRequest_status_createdAt_idx" ON "ApprovalRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_opportunityId_createdAt_idx" ON "ApprovalRequest"("opportunityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalDecision_requestId_group_key" ON "ApprovalDecision"("requestId", "group");

-- CreateIndex
CREATE UNIQUE INDEX "PostCloseItem_opportunityId_kind_key" ON "PostCloseItem"("opportunityId", "kind");

-- CreateIndex
CREATE INDEX "ReengagementPlay_status_remindOn_idx" ON "ReengagementPlay"("status", "remindOn");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessVersion" ADD CONSTRAINT "ProcessVersion_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessVersion" ADD CONSTRAINT "ProcessVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stage" ADD CONSTRAINT "Stage_processVersionId_fkey" FOREIGN KEY ("processVersionId") REFERENCES "ProcessVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExitCriterion" ADD CONSTRAINT "ExitCriterion_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "Stage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opportunity" ADD CONSTRAINT "Opportunity_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opportunity" ADD CONSTRAINT "Opportunity_processVersionId_fkey" FOREIGN KEY ("processVersionId") REFERENCES "ProcessVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpportunityContact" ADD CONSTRAINT "OpportunityContact_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionAttestation" ADD CONSTRAINT "CriterionAttestation_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionAttestation" ADD CONSTRAINT "CriterionAttestation_attestedById_fkey" FOREIGN KEY ("attestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HistoryEntry" ADD CONSTRAINT "HistoryEntry_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HistoryEntry" ADD CONSTRAINT "HistoryEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CloseDateChange" ADD CONSTRAINT "CloseDateChange_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CloseDateChange" ADD CONSTRAINT "CloseDateChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClosePlanStep" ADD CONSTRAINT "ClosePlanStep_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClosePlanStep" ADD CONSTRAINT "ClosePlanStep_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "File" ADD CONSTRAINT "File_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "File" ADD CONSTRAINT "File_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDecision" ADD CONSTRAINT "ApprovalDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDecision" ADD CONSTRAINT "ApprovalDecision_deciderId_fkey" FOREIGN KEY ("deciderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostCloseItem" ADD CONSTRAINT "PostCloseItem_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostCloseItem" ADD CONSTRAINT "PostCloseItem_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReengagementPlay" ADD CONSTRAINT "ReengagementPlay_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReengagementPlay" ADD CONSTRAINT "ReengagementPlay_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_checklistItemId_fkey" FOREIGN KEY ("checklistItemId") REFERENCES "PostCloseItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

