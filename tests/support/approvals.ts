// Approval requests written straight to the database, for read-model tests (the desk's queue, the
// home page): each test states exactly what is pending and who has decided, at any time, without
// walking the request through the API. A deal has at most one pending request (the database holds
// that), so each pending request needs its own deal.
import type { ApprovalStatus, ApproverGroup, Decision } from "@/src/generated/prisma/client";
import { db } from "@/src/server/db";

/** The six terms a request covers, as its snapshot stores them: a standard deal unless told otherwise. */
export const termsSnapshot = (extra: Partial<Record<string, unknown>> = {}) => ({
  amountCents: 10_000_00,
  currency: "USD",
  discountPercent: 0,
  paymentTermsDays: 30,
  termMonths: 12,
  nonStandardTerms: "",
  ...extra,
});

export type RequestRowOptions = {
  status?: ApprovalStatus;
  targetHours?: number;
  /** The decisions already taken: an approval by default, at 2027-02-01 12:00 UTC. */
  decided?: { group: ApproverGroup; by: string; decision?: Decision; comment?: string; carriedFrom?: string }[];
  /** The stored snapshot; by default the deal's amount and currency with standard terms. */
  snapshot?: unknown;
  previousRequestId?: string;
  decidedAt?: string;
  staleAt?: string;
  changedTerms?: unknown;
  /** The fired rules stored with it; by default one rule per group. */
  reasons?: unknown;
};

/**
 * A request on a deal, submitted by its owner at `createdAt`, routed to `requiredGroups`, with the
 * decisions already taken on it. Answers its id.
 */
export async function insertApprovalRequest(
  opportunityId: string,
  createdAt: string,
  requiredGroups: ApproverGroup[],
  options: RequestRowOptions = {},
): Promise<string> {
  const opportunity = await db().opportunity.findUniqueOrThrow({ where: { id: opportunityId } });
  const row = await db().approvalRequest.create({
    data: {
      opportunityId,
      requestedById: opportunity.ownerId,
      justification: "Strategic account",
      requiredGroups,
      status: options.status ?? "pending",
      targetHours: options.targetHours ?? 24,
      reasons: (options.reasons ?? requiredGroups.map((g) => ({ key: `rule_${g}`, label: `Needs ${g}`, version: 1, value: 1 }))) as object,
      termsSnapshot: (options.snapshot ?? termsSnapshot({ amountCents: Number(opportunity.amountCents), currency: opportunity.currency })) as object,
      createdAt: new Date(createdAt),
      decidedAt: options.decidedAt ? new Date(options.decidedAt) : null,
      staleAt: options.staleAt ? new Date(options.staleAt) : null,
      changedTerms: (options.changedTerms ?? undefined) as object | undefined,
      previousRequestId: options.previousRequestId ?? null,
    },
  });
  for (const d of options.decided ?? [])
    await db().approvalDecision.create({
      data: {
        requestId: row.id,
        group: d.group,
        deciderId: d.by,
        decision: d.decision ?? "approve",
        comment: d.comment ?? "Fine",
        decidedAt: new Date("2027-02-01T12:00:00Z"),
        carriedFromRequestId: d.carriedFrom ?? null,
      },
    });
  return row.id;
}
