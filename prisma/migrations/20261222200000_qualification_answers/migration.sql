-- AlterTable
ALTER TABLE "Opportunity" ADD COLUMN     "qualificationAnswers" JSONB NOT NULL DEFAULT '{}';

