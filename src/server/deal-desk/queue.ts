// The deal desk's read models (docs/rules/deal-desk.md#the-desks-queue): the queue, one request in
// detail, and the navigation's count. Filtering and sorting happen in the database; only the page of
// rows it returns is shaped here.
import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { visibleRequestsSql } from "../../auth/approval-access";
import { approverGroups } from "../../auth/capabilities";
import { approvalStatus, type ApprovalStanding } from "../../domain/deal-desk/approval-status";
import { evaluateDealDesk, type FiredRule } from "../../domain/deal-desk/evaluate-deal-desk";
import { APPROVER_GROUPS, type ApproverGroup } from "../../domain/deal-desk/rules";
import {
  DealTermsSnapshot,
  TERM_KEYS,
  termValue,
  type ChangedTerm,
  type DealTerms,
  type TermKey,
  type TermValue,
} from "../../domain/deal-desk/terms";
import { turnaround, type Turnaround } from "../../domain/deal-desk/turnaround";
import { AppError } from "../../errors";
import { database, type Sql } from "../db";
import { loadDealDeskRules } from "./load-rules";
import type { DeskQueueFilters, QueueSort } from "./queue-filters";
import { QUEUE_FROM, queueGroups, routedToSql, waitingOnGroupSql, waitingOnSql } from "./queue-scope";
import { dueAtSql } from "./turnaround-sql";

export type RequestStatus = "pending" | "approved" | "rejected" | "changes_requested" | "withdrawn" | "stale";
type Decision = "approve" | "reject" | "request_changes";

/** The most rows one queue page shows; `more` says when others match. */
export const QUEUE_PAGE_SIZE = 100;

export type DeskQueueRow = {
  id: string;
  status: RequestStatus;
  deal: { id: string; name: string; accountName: string };
  ownerName: string;
  amountCents: number;
  currency: string;
  discountPercent: number;
  /** The labels of the rules that fired when the request was made. */
  rules: string[];
  requiredGroups: ApproverGroup[];
  /** Required groups that have not decided yet. */
  pendingGroups: ApproverGroup[];
  /** Of those, on a pending request, the ones the actor decides for. */
  awaitingYou: ApproverGroup[];
  createdAt: Date;
} & Turnaround;

export type DeskQueue = {
  rows: DeskQueueRow[];
  more: boolean;
  /** The groups the actor's queue follows: the group filter's choices. */
  groups: ApproverGroup[];
  /** Pending requests waiting on each of those groups, and how many of them are late. */
  counts: { group: ApproverGroup; waiting: number; late: number }[];
  /** Pending requests waiting on any of them (each counted once). */
  waiting: number;
  late: number;
};

const Reasons = z.array(z.object({ label: z.string() }).passthrough()).catch([]);

const asGroups = (value: unknown): ApproverGroup[] =>
  (Array.isArray(value) ? value : []).filter((g): g is ApproverGroup => (APPROVER_GROUPS as readonly string[]).includes(g));

/** When a request stopped waiting: its decision, withdrawal or staleness; `now` while it is pending. */
const endedAtSql = (now: Date) =>
  sql<Date>`(CASE WHEN r."status" = 'pending' THEN ${now}::timestamp(3) ELSE coalesce(r."decidedAt", r."withdrawnAt", r."staleAt", ${now}::timestamp(3)) END)`;
const endedAt = (r: { status: RequestStatus; decidedAt: Date | null; withdrawnAt: Date | null; staleAt: Date | null }, now: Date) =>
  r.status === "pending" ? now : (r.decidedAt ?? r.withdrawnAt ?? r.staleAt ?? now);

const ORDER: Record<QueueSort, RawBuilder<unknown>> = {
  oldest: sql`r."createdAt" ASC, r."id" ASC`,
  newest: sql`r."createdAt" DESC, r."id" DESC`,
  due: sql`due."dueAt" ASC, r."createdAt" ASC, r."id" ASC`,
  // Largest first. Amounts in other currencies are compared as numbers: the desk reads the currency beside each.
  amount: sql`o."amountCents" DESC, r."createdAt" ASC, r."id" ASC`,
};

type QueueRow = {
  id: string;
  status: RequestStatus;
  createdAt: Date;
  decidedAt: Date | null;
  withdrawnAt: Date | null;
  staleAt: Date | null;
  targetHours: number;
  reasons: unknown;
  requiredGroups: string[];
  decidedGroups: string[];
  dealId: string;
  dealName: string;
  accountName: string;
  amountCents: bigint | number;
  currency: string;
  discountPercent: number;
  ownerName: string;
};

/**
 * The queue: by default the pending requests waiting on the actor's groups (a desk member's groups,
 * the sales manager group on a manager's teams, every group for an admin), oldest first.
 */
export async function getDeskQueue(actor: Actor, filters: DeskQueueFilters, options: { now?: Date; q?: Sql } = {}): Promise<DeskQueue> {
  const q = options.q ?? database().sql;
  const now = options.now ?? new Date();
  const groups = queueGroups(actor);
  const selected = filters.group ? groups.filter((g) => g === filters.group) : groups;
  const late = sql<boolean>`(${endedAtSql(now)} > due."dueAt")`;
  const where: RawBuilder<boolean>[] = [
    filters.status === "pending"
      ? waitingOnSql(actor, selected)
      : filters.status === "all"
        ? routedToSql(actor, selected)
        : sql<boolean>`(r."status"::text = ${filters.status} AND ${routedToSql(actor, selected)})`,
  ];
  if (filters.lateOnly) where.push(late);
  const dueJoin = sql`CROSS JOIN LATERAL (SELECT ${dueAtSql(sql`r."createdAt"`, sql`r."targetHours"`)} AS "dueAt") due`;

  const [{ rows }, counts, totals] = await Promise.all([
    sql<QueueRow>`
      SELECT r."id", r."status"::text AS "status", r."createdAt", r."decidedAt", r."withdrawnAt", r."staleAt", r."targetHours",
        r."reasons", r."requiredGroups"::text[] AS "requiredGroups",
        (SELECT coalesce(array_agg(d."group"::text), '{}') FROM "ApprovalDecision" d WHERE d."requestId" = r."id") AS "decidedGroups",
        o."id" AS "dealId", o."name" AS "dealName", o."accountName", o."amountCents", o."currency", o."discountPercent",
        u."name" AS "ownerName"
      FROM ${QUEUE_FROM} ${dueJoin}
      WHERE ${sql.join(where, sql` AND `)}
      ORDER BY ${ORDER[filters.sort]}
      LIMIT ${QUEUE_PAGE_SIZE + 1}`.execute(q),
    groups.length === 0
      ? { rows: [] }
      : sql<{ group: string; waiting: number; late: number }>`
      SELECT g."name" AS "group", count(*)::int AS "waiting", count(*) FILTER (WHERE ${late})::int AS "late"
      FROM ${QUEUE_FROM} ${dueJoin}
      CROSS JOIN LATERAL unnest(${groups}::text[]) AS g("name")
      WHERE ${waitingOnGroupSql(actor, sql`g."name"`)}
      GROUP BY g."name"`.execute(q),
    sql<{ waiting: number; late: number }>`
      SELECT count(*)::int AS "waiting", count(*) FILTER (WHERE ${late})::int AS "late"
      FROM ${QUEUE_FROM} ${dueJoin}
      WHERE ${waitingOnSql(actor, groups)}`.execute(q),
  ]);

  const yours = approverGroups(actor);
  const page = rows.slice(0, QUEUE_PAGE_SIZE).map((r): DeskQueueRow => {
    const required = asGroups(r.requiredGroups);
    const pendingGroups = required.filter((g) => !r.decidedGroups.includes(g));
    return {
      id: r.id,
      status: r.status,
      deal: { id: r.dealId, name: r.dealName, accountName: r.accountName },
      ownerName: r.ownerName,
      amountCents: Number(r.amountCents),
      currency: r.currency,
      discountPercent: r.discountPercent,
      rules: Reasons.parse(r.reasons).map((reason) => reason.label),
      requiredGroups: required,
      pendingGroups,
      awaitingYou: r.status === "pending" ? pendingGroups.filter((g) => yours.includes(g)) : [],
      createdAt: r.createdAt,
      ...turnaround(r.createdAt, r.targetHours, endedAt(r, now)),
    };
  });
  const byGroup = new Map(counts.rows.map((c) => [c.group, c]));
  return {
    rows: page,
    more: rows.length > QUEUE_PAGE_SIZE,
    groups,
    counts: groups.map((group) => ({ group, waiting: byGroup.get(group)?.waiting ?? 0, late: byGroup.get(group)?.late ?? 0 })),
    waiting: totals.rows[0]?.waiting ?? 0,
    late: totals.rows[0]?.late ?? 0,
  };
}

/**
 * The count's statement, or null for an actor nothing can wait on (no group they decide for: a rep,
 * an admin, a desk member in no group), who is answered 0 without a query.
 */
export function awaitingMeSql(actor: Actor): RawBuilder<{ n: number }> | null {
  const groups = approverGroups(actor);
  if (groups.length === 0) return null;
  return sql<{ n: number }>`SELECT count(*)::int AS "n" FROM ${QUEUE_FROM} WHERE ${waitingOnSql(actor, groups)}`;
}

/**
 * The pending requests waiting on a group the actor decides for: the navigation's badge, so it runs
 * on every signed-in page. An admin watches the whole desk but decides for no group, so nothing
 * waits on them. The database counts, and answers one number: pending requests are found through an
 * index (the partial one-pending-per-deal index, or ("status", "createdAt")) and each one's decisions
 * through ("requestId", "group"), so the cost follows what is pending, not the desk's history, and
 * needs no index of its own (tests/server/deal-desk/awaiting-count.test.ts reads the plan).
 */
export async function countAwaitingMe(actor: Actor, options: { q?: Sql } = {}): Promise<number> {
  const statement = awaitingMeSql(actor);
  if (statement === null) return 0;
  const { rows } = await statement.execute(options.q ?? database().sql);
  return rows[0]?.n ?? 0;
}

// ─── One request ─────────────────────────────────────────────────────────────

export type TermRow = { term: TermKey; snapshot: TermValue; current: TermValue; changed: boolean };

export type GroupDecisionView = {
  group: ApproverGroup;
  /** null while the group has not decided. */
  decision: Decision | null;
  comment: string;
  deciderName: string | null;
  decidedAt: Date | null;
  /** The request the approval was first given on, when it was carried over to this one. */
  carriedFromRequestId: string | null;
};

export type LinkedRequest = { id: string; status: RequestStatus; createdAt: Date; current: boolean };

export type DeskRequest = {
  id: string;
  status: RequestStatus;
  justification: string;
  requestedBy: { id: string; name: string };
  createdAt: Date;
  decidedAt: Date | null;
  withdrawnAt: Date | null;
  staleAt: Date | null;
  deal: {
    id: string;
    name: string;
    accountName: string;
    ownerId: string;
    ownerName: string;
    stageKey: string;
    currency: string;
    /** Where the deal stands with the desk now, from its terms, the rules and its latest request. */
    approval: ApprovalStanding & { requiredGroups: ApproverGroup[]; latestRequestId: string | null };
  };
  /** The rules that fired when the request was made, with the value that fired each. */
  reasons: FiredRule[];
  /** The six terms: as the request was given them, and as the deal has them now. */
  terms: TermRow[];
  /** Whether the snapshot could be read: an unreadable one covers nothing. */
  snapshotReadable: boolean;
  /** For a request stored as stale: the terms whose change made it so. */
  staleChanges: ChangedTerm[];
  requiredGroups: ApproverGroup[];
  decisions: GroupDecisionView[];
  /** The linked requests, oldest first, this one included (previous requests and resubmissions). */
  chain: LinkedRequest[];
} & Turnaround;

const ChangedTerms = z
  .array(z.object({ term: z.enum(TERM_KEYS), from: z.union([z.number(), z.string(), z.null()]), to: z.union([z.number(), z.string(), z.null()]) }))
  .catch([]);
const FiredRules = z
  .array(
    z.object({
      key: z.string(),
      label: z.string(),
      version: z.number().optional(),
      value: z.union([z.number(), z.string()]).optional(),
    }),
  )
  .catch([]);

type DetailRow = QueueRow & {
  justification: string;
  termsSnapshot: unknown;
  changedTerms: unknown;
  requestedById: string;
  requestedByName: string;
  ownerId: string;
  stageKey: string;
  paymentTermsDays: number;
  termMonths: number;
  nonStandardTerms: string;
};

/**
 * One request for its page, when the actor may see it: the API's rule (visibleRequestsSql), so the
 * page and GET /approval-requests/{id} open for the same people. Otherwise NOT_FOUND, as for a
 * request that does not exist.
 */
export async function getDeskRequest(actor: Actor, id: string, options: { now?: Date; q?: Sql } = {}): Promise<DeskRequest> {
  const q = options.q ?? database().sql;
  const now = options.now ?? new Date();
  const {
    rows: [r],
  } = await sql<DetailRow>`
    SELECT r."id", r."status"::text AS "status", r."createdAt", r."decidedAt", r."withdrawnAt", r."staleAt", r."targetHours",
      r."reasons", r."requiredGroups"::text[] AS "requiredGroups", r."justification", r."termsSnapshot", r."changedTerms",
      r."requestedById", ru."name" AS "requestedByName",
      o."id" AS "dealId", o."name" AS "dealName", o."accountName", o."amountCents", o."currency", o."discountPercent",
      o."paymentTermsDays", o."termMonths", o."nonStandardTerms", o."stageKey", o."ownerId", u."name" AS "ownerName"
    FROM ${QUEUE_FROM}
    JOIN "User" ru ON ru."id" = r."requestedById"
    WHERE r."id" = ${id}::text AND ${visibleRequestsSql(actor)}`.execute(q);
  if (!r) throw new AppError("NOT_FOUND", "Approval request not found.");

  const [decisions, linked, rules] = await Promise.all([
    q
      .selectFrom("ApprovalDecision as d")
      .innerJoin("User as du", "du.id", "d.deciderId")
      .select(["d.group", "d.decision", "d.comment", "d.decidedAt", "d.carriedFromRequestId", "du.name as deciderName"])
      .where("d.requestId", "=", r.id)
      .execute(),
    // A deal has few requests: its links are followed here, in both directions.
    q
      .selectFrom("ApprovalRequest")
      .select(["id", "status", "createdAt", "previousRequestId", "termsSnapshot"])
      .select(sql<string[]>`"requiredGroups"::text[]`.as("groups"))
      .where("opportunityId", "=", r.dealId)
      .orderBy("createdAt", "desc")
      .orderBy("id", "desc")
      .execute(),
    loadDealDeskRules(q),
  ]);

  const terms: DealTerms = {
    amountCents: Number(r.amountCents),
    currency: r.currency,
    discountPercent: r.discountPercent,
    paymentTermsDays: r.paymentTermsDays,
    termMonths: r.termMonths,
    nonStandardTerms: r.nonStandardTerms,
  };
  const snapshot = DealTermsSnapshot.safeParse(r.termsSnapshot);
  const termRows = TERM_KEYS.map((term): TermRow => {
    const before = snapshot.success ? termValue(snapshot.data, term) : null;
    const current = termValue(terms, term);
    return { term, snapshot: before, current, changed: !snapshot.success || before !== current };
  });

  const evaluation = evaluateDealDesk(rules, terms);
  const latest = linked[0];
  const standing = approvalStatus(
    evaluation.groups,
    terms,
    latest ? { status: latest.status as RequestStatus, requiredGroups: asGroups(latest.groups), termsSnapshot: latest.termsSnapshot } : null,
  );

  const required = asGroups(r.requiredGroups);
  const decisionOf = new Map(decisions.map((d) => [d.group as string, d]));
  return {
    id: r.id,
    status: r.status,
    justification: r.justification,
    requestedBy: { id: r.requestedById, name: r.requestedByName },
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    withdrawnAt: r.withdrawnAt,
    staleAt: r.staleAt,
    deal: {
      id: r.dealId,
      name: r.dealName,
      accountName: r.accountName,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      stageKey: r.stageKey,
      currency: r.currency,
      approval: { ...standing, requiredGroups: evaluation.groups, latestRequestId: latest?.id ?? null },
    },
    reasons: FiredRules.parse(r.reasons).map((reason) => ({ ...reason, value: reason.value ?? "" })),
    terms: termRows,
    snapshotReadable: snapshot.success,
    staleChanges: ChangedTerms.parse(r.changedTerms ?? []),
    requiredGroups: required,
    decisions: required.map((group): GroupDecisionView => {
      const d = decisionOf.get(group);
      return {
        group,
        decision: (d?.decision as Decision | undefined) ?? null,
        comment: d?.comment ?? "",
        deciderName: d?.deciderName ?? null,
        decidedAt: d?.decidedAt ?? null,
        carriedFromRequestId: d?.carriedFromRequestId ?? null,
      };
    }),
    chain: chainOf(
      r.id,
      linked.map((l) => ({ id: l.id, status: l.status as RequestStatus, createdAt: l.createdAt, previousRequestId: l.previousRequestId })),
    ),
    ...turnaround(r.createdAt, r.targetHours, endedAt(r, now)),
  };
}

/** The requests linked to `id` by resubmission, oldest first. */
function chainOf(id: string, requests: { id: string; status: RequestStatus; createdAt: Date; previousRequestId: string | null }[]): LinkedRequest[] {
  const byId = new Map(requests.map((r) => [r.id, r]));
  const next = new Map(requests.filter((r) => r.previousRequestId).map((r) => [r.previousRequestId as string, r]));
  let first = byId.get(id);
  const seen = new Set<string>();
  while (first?.previousRequestId && byId.has(first.previousRequestId) && !seen.has(first.id)) {
    seen.add(first.id);
    first = byId.get(first.previousRequestId);
  }
  const chain: LinkedRequest[] = [];
  const visited = new Set<string>();
  for (let r = first; r && !visited.has(r.id); r = next.get(r.id)) {
    visited.add(r.id);
    chain.push({ id: r.id, status: r.status, createdAt: r.createdAt, current: r.id === id });
  }
  return chain;
}
