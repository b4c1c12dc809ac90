-- The outbox table was declared but never written before this migration: it is reshaped in place.
-- CreateEnum
CREATE TYPE "OutboxAttemptStatus" AS ENUM ('delivered', 'failed', 'not_configured', 'abandoned');

-- AlterEnum
CREATE TYPE "OutboxStatus_new" AS ENUM ('pending', 'sending', 'delivered', 'failed', 'not_configured');
ALTER TABLE "OutboxMessage" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "OutboxMessage" ALTER COLUMN "status" TYPE "OutboxStatus_new" USING ("status"::text::"OutboxStatus_new");
ALTER TYPE "OutboxStatus" RENAME TO "OutboxStatus_old";
ALTER TYPE "OutboxStatus_new" RENAME TO "OutboxStatus";
DROP TYPE "OutboxStatus_old";
ALTER TABLE "OutboxMessage" ALTER COLUMN "status" SET DEFAULT 'pending';

-- AlterTable
ALTER TABLE "OutboxMessage" DROP COLUMN "sentAt",
ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "deliveredAt" TIMESTAMP(3),
ADD COLUMN     "firstAttemptAt" TIMESTAMP(3),
ADD COLUMN     "idempotencyKey" TEXT NOT NULL,
ADD COLUMN     "lockedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "OutboxAttempt" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "status" "OutboxAttemptStatus" NOT NULL,
    "responseCode" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER,
    "worker" TEXT NOT NULL,

    CONSTRAINT "OutboxAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboxAttempt_messageId_at_idx" ON "OutboxAttempt"("messageId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_lockedUntil_idx" ON "OutboxMessage"("status", "lockedUntil");

-- CreateIndex
CREATE INDEX "OutboxMessage_opportunityId_idx" ON "OutboxMessage"("opportunityId");

-- AddForeignKey
ALTER TABLE "OutboxAttempt" ADD CONSTRAINT "OutboxAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboxMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

