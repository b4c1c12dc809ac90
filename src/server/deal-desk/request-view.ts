// An approval request as the API answers it, for one caller: read in one statement with its deal,
// owner, team, submitter, decisions and the request that replaced it, filtered by what the caller
// may see (src/auth/approval-access.ts).
import { sql, type Expression, type SqlBool } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { mayDecideFor, maySubmitFor, visibleRequestsSql, type ApprovalParties } from "../../auth/approval-access";
import { APPROVER_GROUPS, type ApproverGroup } from "../../domain/deal-desk/rules";
import { DealTermsSnapshot, TERM_KEYS, type ChangedTerm } from "../../domain/deal-desk/terms";
import { turnaround } from "../../domain/deal-desk/turnaround";
import { fromCents } from "../../domain/money";
import { AppError } from "../../errors";
import type { ApprovalRequestResponse } from "../../schemas/approval-requests";
import type { Sql } from "../db";

/** A timestamp read inside JSON is zone-less text holding UTC wall-clock time. */
const utc = (value: string | Date): Date => (value instanceof Date ? value : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`));

const requestQuery = (q: Sql) =>
  q
    .selectFrom("ApprovalRequest as r")
    .innerJoin("Opportunity as o", "o.id", "r.opportunityId")
    .innerJoin("User as u", "u.id", "o.ownerId")
    .leftJoin("Team as t", "t.id", "u.teamId")
    .innerJoin("User as s", "s.id", "r.requestedById")
    .select([
      "r.id",
      "r.opportunityId",
      "r.status",
      "r.reasons",
      "r.termsSnapshot",
      "r.justification",
      "r.requestedById",
      "r.createdAt",
      "r.decidedAt",
      "r.targetHours",
      "r.staleAt",
      "r.changedTerms",
      "r.withdrawnAt",
      "r.previousRequestId",
      // An array of an enum type has no parser in the drivers: read it as text[].
      sql<ApproverGroup[]>`r."requiredGroups"::text[]`.as("requiredGroups"),
      "o.name as dealName",
      "o.accountName",
      "o.ownerId",
      "o.amountCents",
      "o.currency",
      "u.name as ownerName",
      "u.teamId as ownerTeamId",
      "t.managerId as ownerTeamManagerId",
      "t.approvalDeputyId as ownerTeamDeputyId",
      "s.name as requestedByName",
      "s.email as requestedByEmail",
      "s.active as requestedByActive",
    ])
    .select((eb) => [
      eb.selectFrom("ApprovalRequest as n").select("n.id").whereRef("n.previousRequestId", "=", "r.id").limit(1).as("nextRequestId"),
      jsonArrayFrom(
        eb
          .selectFrom("ApprovalDecision as d")
          .innerJoin("User as du", "du.id", "d.deciderId")
          .select(["d.group", "d.decision", "d.comment", "d.deciderId", "du.name as deciderName", "d.decidedAt", "d.carriedFromRequestId"])
          .whereRef("d.requestId", "=", "r.id"),
      ).as("decisions"),
    ]);

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>["executeTakeFirstOrThrow"]>>;

export const partiesOf = (row: RequestRow): ApprovalParties => ({
  ownerId: row.ownerId,
  ownerTeamId: row.ownerTeamId,
  ownerTeamManagerId: row.ownerTeamManagerId,
  ownerTeamDeputyId: row.ownerTeamDeputyId,
});

/** The decisions of a request, in the order of the approver groups. */
export function decisionsOf(row: RequestRow) {
  return row.decisions
    .map((d) => ({ ...d, decidedAt: utc(d.decidedAt) }))
    .sort((a, b) => APPROVER_GROUPS.indexOf(a.group) - APPROVER_GROUPS.indexOf(b.group));
}

/** Required groups without a decision, while the request is pending. */
export function pendingGroupsOf(row: RequestRow): ApproverGroup[] {
  if (row.status !== "pending") return [];
  const decided = new Set(row.decisions.map((d) => d.group));
  return row.requiredGroups.filter((g) => !decided.has(g));
}

const StoredReason = z.object({
  key: z.string(),
  label: z.string(),
  version: z.number().int().nullable().default(null),
  value: z.union([z.number(), z.string()]).nullable().default(null),
  groups: z.array(z.enum(APPROVER_GROUPS)).default([]),
});
const StoredChangedTerms = z.array(
  z.object({ term: z.enum(TERM_KEYS), from: z.union([z.number(), z.string()]).nullable(), to: z.union([z.number(), z.string()]).nullable() }),
);

/** The request for this caller: what they may still do to it included. */
export function toRequestResponse(actor: Actor, row: RequestRow, now: Date): ApprovalRequestResponse {
  const parties = partiesOf(row);
  const pendingGroups = pendingGroupsOf(row);
  const ended = row.decidedAt ?? row.staleAt ?? row.withdrawnAt ?? now;
  const time = turnaround(row.createdAt, row.targetHours, ended);
  const snapshot = DealTermsSnapshot.safeParse(row.termsSnapshot);
  const reasons = z.array(StoredReason).safeParse(row.reasons);
  const changed = StoredChangedTerms.safeParse(row.changedTerms);
  return {
    id: row.id,
    opportunity: {
      id: row.opportunityId,
      name: row.dealName,
      accountName: row.accountName,
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      amount: fromCents(row.amountCents),
      currency: row.currency,
    },
    status: row.status,
    requiredGroups: row.requiredGroups,
    reasons: reasons.success ? reasons.data : [],
    terms: snapshot.success
      ? {
          amount: snapshot.data.amountCents / 100,
          currency: snapshot.data.currency,
          discountPercent: snapshot.data.discountPercent,
          paymentTermsDays: snapshot.data.paymentTermsDays,
          termMonths: snapshot.data.termMonths,
          nonStandardTerms: snapshot.data.nonStandardTerms,
        }
      : null,
    justification: row.justification,
    requestedBy: { id: row.requestedById, name: row.requestedByName },
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    targetHours: row.targetHours,
    dueAt: time.dueAt.toISOString(),
    late: time.late,
    staleAt: row.staleAt?.toISOString() ?? null,
    changedTerms: row.status === "stale" && changed.success ? (changed.data as ChangedTerm[]) : [],
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    previousRequestId: row.previousRequestId,
    nextRequestId: row.nextRequestId,
    decisions: decisionsOf(row).map((d) => ({
      group: d.group,
      decision: d.decision,
      comment: d.comment,
      decider: { id: d.deciderId, name: d.deciderName },
      decidedAt: d.decidedAt.toISOString(),
      carriedFromRequestId: d.carriedFromRequestId,
    })),
    pendingGroups,
    youMayDecide: pendingGroups.filter((g) => mayDecideFor(actor, parties, g)),
    youMayWithdraw: row.status === "pending" && (actor.id === row.requestedById || maySubmitFor(actor, parties)),
  };
}

/** The requests matching `where` that the actor may see, newest first (at most `limit` of them). */
export async function loadVisibleRequests(
  q: Sql,
  actor: Actor,
  where: Expression<SqlBool>,
  options: { lock?: boolean; limit?: number } = {},
): Promise<RequestRow[]> {
  let query = requestQuery(q).where(visibleRequestsSql(actor)).where(where).orderBy("r.createdAt", "desc").orderBy("r.id", "desc");
  if (options.limit !== undefined) query = query.limit(options.limit);
  // Locks the request row only (not its deal, owner or team): the writer of a request holds it.
  if (options.lock) query = query.forUpdate("r");
  return query.execute();
}

/** One request the actor may see, or NOT_FOUND: a request out of reach is indistinguishable from none. */
export async function loadVisibleRequest(q: Sql, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<RequestRow> {
  const [row] = await loadVisibleRequests(q, actor, sql<boolean>`r."id" = ${id}`, options);
  if (!row) throw new AppError("NOT_FOUND", "Approval request not found.");
  return row;
}
