-- The dashboard (docs/rules/dashboard.md): teams' bookings targets per period, and their deal size
-- thresholds (rocks, stones, pebbles) when set by hand.

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "rockFromCents" BIGINT,
ADD COLUMN     "stoneFromCents" BIGINT;

-- CreateTable
CREATE TABLE "TeamTarget" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "setById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TeamTarget_teamId_periodFrom_periodTo_currency_key" ON "TeamTarget"("teamId", "periodFrom", "periodTo", "currency");

-- AddForeignKey
ALTER TABLE "TeamTarget" ADD CONSTRAINT "TeamTarget_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

