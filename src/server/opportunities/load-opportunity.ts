// One deal with everything its exit criteria need, and the deal desk rules, in ONE statement.
// This is the read of every write on a deal (moves above all), so it is written in SQL: the same
// read through Prisma's include costs seven round trips (docs/performance.md).
import { Prisma } from "../../generated/prisma/client";
import { RuleCondition, type DealDeskRule } from "../../domain/deal-desk/rules";
import { sqlOn, type Queryable } from "../db";
import type { OpportunityRow } from "./opportunity-row";

type Raw = Omit<OpportunityRow, "planSteps"> & {
  planSteps: { ownerUserId: string | null; ownerName: string; dueDate: string | null }[];
  rules: { key: string; label: string; groups: DealDeskRule["groups"]; condition: unknown }[];
};

export type LoadedOpportunity = { row: OpportunityRow; rules: DealDeskRule[] };

/** The statement (exported for the benchmark). */
export const opportunityQuery = (where: Prisma.Sql) => Prisma.sql`
    SELECT o.*,
      json_build_object('name', u."name", 'teamId', u."teamId") AS "owner",
      COALESCE((SELECT json_agg(c ORDER BY c."createdAt", c."id") FROM "OpportunityContact" c WHERE c."opportunityId" = o."id"), '[]') AS "contacts",
      COALESCE((SELECT json_agg(json_build_object('stageKey', a."stageKey", 'criterionKey', a."criterionKey"))
                FROM "CriterionAttestation" a WHERE a."opportunityId" = o."id"), '[]') AS "attestations",
      COALESCE((SELECT json_agg(json_build_object('kind', f."kind", 'storedName', f."storedName"))
                FROM "File" f WHERE f."opportunityId" = o."id"), '[]') AS "files",
      COALESCE((SELECT json_agg(json_build_object('ownerUserId', s."ownerUserId", 'ownerName', s."ownerName", 'dueDate', s."dueDate"))
                FROM "ClosePlanStep" s WHERE s."opportunityId" = o."id"), '[]') AS "planSteps",
      COALESCE((SELECT json_agg(r) FROM (SELECT r."status", r."termsSnapshot", r."requiredGroups" FROM "ApprovalRequest" r
                WHERE r."opportunityId" = o."id" ORDER BY r."createdAt" DESC LIMIT 1) r), '[]') AS "approvalRequests",
      COALESCE((SELECT json_agg(json_build_object('key', d."key", 'label', d."label", 'groups', d."groups", 'condition', d."condition") ORDER BY d."position")
                FROM "DealDeskRule" d WHERE d."active"), '[]') AS "rules"
    FROM "Opportunity" o JOIN "User" u ON u."id" = o."ownerId"
    WHERE ${where}
    LIMIT 1`;

/** The deal matching `where` (a condition on `o`, the opportunity, and `u`, its owner), or null. */
export async function loadOpportunity(tx: Queryable, where: Prisma.Sql): Promise<LoadedOpportunity | null> {
  const [raw] = await sqlOn(tx).query<Raw>(opportunityQuery(where));
  if (!raw) return null;
  const { rules, planSteps, ...rest } = raw;
  return {
    row: {
      ...rest,
      planSteps: planSteps.map((s) => ({ ...s, dueDate: s.dueDate ? new Date(`${s.dueDate}T00:00:00Z`) : null })),
    } as OpportunityRow,
    rules: rules.map((r) => ({ key: r.key, label: r.label, groups: r.groups, condition: RuleCondition.parse(r.condition) })),
  };
}
