import type { Actor } from "../../auth/actor";
import { visibleOpportunities } from "../../auth/authorize";
import { approverGroups } from "../../auth/capabilities";
import type { ApproverGroup, Prisma } from "../../generated/prisma/client";
import type { Reader } from "../db";
import { countAwaitingMe } from "../deal-desk/queue";

export type PendingRequestRow = {
  id: string;
  opportunityId: string;
  opportunityName: string;
  accountName: string;
  createdAt: Date;
  targetHours: number;
  requiredGroups: ApproverGroup[];
};

export type ApprovalsSummary = {
  /** Pending requests on deals the actor may see. */
  pendingCount: number;
  /** Of those, the ones still waiting on a group the actor decides for. */
  awaitingYouCount: number;
  yourGroups: ApproverGroup[];
  oldest: PendingRequestRow[];
};

export async function getApprovalsSummary(tx: Reader, actor: Actor): Promise<ApprovalsSummary> {
  const pending: Prisma.ApprovalRequestWhereInput = { status: "pending", opportunity: visibleOpportunities(actor) };
  const yourGroups = approverGroups(actor);
  const [pendingCount, awaitingYouCount, oldest] = await Promise.all([
    tx.approvalRequest.count({ where: pending }),
    // The desk queue's own rule, so the home page and the navigation badge agree.
    countAwaitingMe(actor),
    tx.approvalRequest.findMany({
      where: pending,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 5,
      select: {
        id: true,
        createdAt: true,
        targetHours: true,
        requiredGroups: true,
        opportunity: { select: { id: true, name: true, accountName: true } },
      },
    }),
  ]);
  return {
    pendingCount,
    awaitingYouCount,
    yourGroups,
    oldest: oldest.map((r) => ({
      id: r.id,
      opportunityId: r.opportunity.id,
      opportunityName: r.opportunity.name,
      accountName: r.opportunity.accountName,
      createdAt: r.createdAt,
      targetHours: r.targetHours,
      requiredGroups: r.requiredGroups,
    })),
  };
}
