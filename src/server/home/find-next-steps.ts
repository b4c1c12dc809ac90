import type { Prisma } from "../../generated/prisma/client";
import { findStage, type ProcessVersion } from "../../domain/process/process-version";
import type { Reader } from "../db";

export type NextStepRow = {
  id: string;
  name: string;
  accountName: string;
  stageName: string;
  amountCents: bigint;
  currency: string;
  nextStep: string;
  nextStepDue: Date;
  isOverdue: boolean;
};

const LIMIT = 8;

/** The soonest next steps due before `until`, overdue ones first: what to do this week. */
export async function findNextSteps(
  tx: Reader,
  openDeals: Prisma.OpportunityWhereInput,
  process: ProcessVersion,
  today: Date,
  until: Date,
): Promise<NextStepRow[]> {
  const rows = await tx.opportunity.findMany({
    where: { AND: [openDeals, { nextStepDue: { lt: until } }] },
    orderBy: [{ nextStepDue: "asc" }, { amountCents: "desc" }, { id: "asc" }],
    take: LIMIT,
    select: {
      id: true,
      name: true,
      accountName: true,
      stageKey: true,
      amountCents: true,
      currency: true,
      nextStep: true,
      nextStepDue: true,
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    accountName: r.accountName,
    stageName: findStage(process, r.stageKey)?.name ?? r.stageKey,
    amountCents: r.amountCents,
    currency: r.currency,
    nextStep: r.nextStep,
    nextStepDue: r.nextStepDue!,
    isOverdue: r.nextStepDue! < today,
  }));
}
