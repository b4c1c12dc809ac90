// What is read of an opportunity to answer for it: the row and everything its exit criteria need,
// loaded in one query (Prisma batches the relations), for one deal or a page of them.
import type { Prisma } from "../../generated/prisma/client";

export const opportunityInclude = {
  owner: { select: { name: true, teamId: true } },
  contacts: { orderBy: { createdAt: "asc" } },
  attestations: { select: { stageKey: true, criterionKey: true } },
  files: { select: { kind: true, storedName: true } },
  planSteps: { select: { ownerUserId: true, ownerName: true, dueDate: true } },
  approvalRequests: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, termsSnapshot: true, requiredGroups: true } },
} satisfies Prisma.OpportunityInclude;

export type OpportunityRow = Prisma.OpportunityGetPayload<{ include: typeof opportunityInclude }>;
