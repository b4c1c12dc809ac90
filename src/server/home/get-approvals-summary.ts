import type { Actor } from "../../auth/actor";
import { visibleOpportunities } from "../../auth/authorize";
import { approverGroups } from "../../auth/capabilities";
import type { ApproverGroup, Prisma } from "../../generated/prisma/client";
import type { Reader } from "../db";

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

/**
 * Pending requests that need one of `groups` and have no decision from that group yet: an actor in
 * finance and legal still owes legal's decision once finance has approved. Prisma's filters cannot
 * pair each required group with its own decision, so the group test is SQL over text arrays, on the
 * requests the actor may see.
 */
async function countAwaiting(tx: Reader, pending: Prisma.ApprovalRequestWhereInput, groups: ApproverGroup[]): Promise<number> {
  if (groups.length === 0) return 0;
  const ids = (await tx.approvalRequest.findMany({ where: pending, select: { id: true } })).map((r) => r.id);
  if (ids.length === 0) return 0;
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "ApprovalRequest" r
    WHERE r."id" = ANY(${ids}::text[])
      AND EXISTS (
        SELECT 1 FROM unnest(r."requiredGroups"::text[]) AS g("name")
        WHERE g."name" = ANY(${groups}::text[])
          AND NOT EXISTS (
            SELECT 1 FROM "ApprovalDecision" d
            WHERE d."requestId" = r."id" AND d."group"::text = g."name"
          )
      )`;
  return row?.n ?? 0;
}

export async function getApprovalsSummary(tx: Reader, actor: Actor): Promise<ApprovalsSummary> {
  const pending: Prisma.ApprovalRequestWhereInput = { status: "pending", opportunity: visibleOpportunities(actor) };
  const yourGroups = approverGroups(actor);
  const [pendingCount, awaitingYouCount, oldest] = await Promise.all([
    tx.approvalRequest.count({ where: pending }),
    countAwaiting(tx, pending, yourGroups),
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
