-- A process may be tied to an opportunity type: new deals of that type follow it rather than the
-- default process (docs/rules/sales-process.md#versions). At most one process per type.
-- AlterTable
ALTER TABLE "Process" ADD COLUMN     "opportunityType" "OpportunityType";

-- CreateIndex
CREATE UNIQUE INDEX "Process_opportunityType_key" ON "Process"("opportunityType");

