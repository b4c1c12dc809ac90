// Approval requests and decisions (docs/rules/deal-desk.md#approval-requests). Submitting, deciding
// and withdrawing are changes of the deal: each goes through changeOpportunity, with a history
// entry, a new version (the deal's `approval` object changes) and its e-mails as outbox messages.
// Each locks the deal row first, then the request, the same order as every other change of the
// deal (whose stale check writes the request after the deal's versioned update), so that two
// writers wait for each other instead of deadlocking.
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { mayDecideFor, maySubmitFor } from "../../auth/approval-access";
import { approvalStatus } from "../../domain/deal-desk/approval-status";
import { carriedDecisions, type GroupDecision } from "../../domain/deal-desk/carried-decisions";
import { evaluateDealDesk } from "../../domain/deal-desk/evaluate-deal-desk";
import type { ApproverGroup } from "../../domain/deal-desk/rules";
import { AppError } from "../../errors";
import {
  DecideApprovalRequest,
  SubmitApprovalRequest,
  type ApprovalRequestList,
  type ApprovalRequestResponse,
  type ListApprovalRequestsQuery,
} from "../../schemas/approval-requests";
import { database, inTransaction, type Tx } from "../db";
import { newId } from "../ids";
import { decodeCursor, pageOf } from "../list-cursor";
import { changeOpportunity } from "../opportunities/change-opportunity";
import { lockDeal } from "../opportunities/lock-deal";
import { dealTerms } from "../opportunities/deal-facts";
import { decidedEvent, messagesTo, staleEvent } from "../webhooks/events";
import { approvalNeededMessages, decisionMessages, withdrawnMessages } from "./notifications";
import { getDealDeskSettings } from "./settings";
import { changedSinceSnapshot } from "./stale-on-change";
import { loadVisibleRequest, loadVisibleRequests, pendingGroupsOf, toRequestResponse } from "./request-view";
import type { ZodType } from "zod";
import { fieldProblems } from "../../http/error-response";

type Options = { now?: Date; tx?: Tx };

/** Input from any caller (API, server action) is checked here too: a use case trusts nobody's parsing. */
function parseInput<T>(schema: ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("VALIDATION_FAILED", "Some fields are not valid.", { fields: fieldProblems(result.error, []) });
  return result.data;
}

const conflict = (message: string, details: Record<string, unknown>) => new AppError("CONFLICT", message, details);

/** The request as the actor now sees it, read in the transaction. */
const respond = (tx: Tx, actor: Actor, id: string, now: Date) => async () => toRequestResponse(actor, await loadVisibleRequest(tx, actor, id), now);

/**
 * Submits the deal for approval, routed to every group its terms call for. Refused with CONFLICT
 * (details.reason) when the deal needs no approval, when a request is pending, or when the latest
 * approval still covers the deal. A request after a stale, rejected, sent back or withdrawn one is
 * linked to it and starts with the approvals the change could not have touched; when those cover
 * every required group it is approved at once.
 */
export async function submitApprovalRequest(
  actor: Actor,
  opportunityId: string,
  input: SubmitApprovalRequest,
  options: Options = {},
): Promise<ApprovalRequestResponse> {
  const { justification } = parseInput(SubmitApprovalRequest, input);
  const now = options.now ?? new Date();
  return inTransaction(options.tx, async (tx) => {
    const version = await lockDeal(tx, opportunityId);
    if (version === null) throw new AppError("NOT_FOUND", "Opportunity not found.");
    const { turnaroundHours } = await getDealDeskSettings(tx);
    const id = newId();
    return changeOpportunity(
      actor,
      { id: opportunityId, version },
      async ({ row, rules, webhooks }) => {
        if (!maySubmitFor(actor, { ownerId: row.ownerId, ownerTeamId: row.owner.teamId }))
          throw new AppError("FORBIDDEN", "You may not submit this opportunity for approval.");
        const terms = dealTerms(row);
        const evaluation = evaluateDealDesk(rules, terms);
        if (evaluation.groups.length === 0)
          throw conflict("This opportunity's terms are standard: it needs no approval.", { reason: "approval_not_required" });
        const latest = await tx
          .selectFrom("ApprovalRequest")
          .select(["id", "status", "termsSnapshot", "createdAt", sql<ApproverGroup[]>`"requiredGroups"::text[]`.as("requiredGroups")])
          .where("opportunityId", "=", opportunityId)
          .orderBy("createdAt", "desc")
          .limit(1)
          .forUpdate()
          .executeTakeFirst();
        const standing = approvalStatus(evaluation.groups, terms, latest ?? null);
        if (standing.status === "pending")
          throw conflict("A request for this opportunity is already pending.", { reason: "request_pending", requestId: latest?.id });
        if (standing.status === "approved")
          throw conflict("The latest approval still covers this opportunity's terms.", { reason: "already_approved", requestId: latest?.id });

        const changed = latest ? changedSinceSnapshot(latest.termsSnapshot, terms) : [];
        // A pending or approved request the rules outgrew (they now ask a group it was not routed
        // to) is stale from now on, and the new one replaces it.
        const outgrown = latest && (latest.status === "pending" || latest.status === "approved");
        // Any earlier request is the one this replaces: stale, rejected, sent back, withdrawn or outgrown.
        const previous = latest ?? null;
        const decisions = previous
          ? await tx
              .selectFrom("ApprovalDecision")
              .select(["group", "decision", "deciderId", "comment", "decidedAt", "carriedFromRequestId"])
              .where("requestId", "=", previous.id)
              .execute()
          : [];
        const carried = previous
          ? carriedDecisions(
              {
                requestId: previous.id,
                decisions: decisions.map(
                  (d): GroupDecision => ({
                    group: d.group,
                    decision: d.decision,
                    deciderId: d.deciderId,
                    comment: d.comment,
                    decidedAt: d.decidedAt,
                    ...(d.carriedFromRequestId ? { carriedFrom: d.carriedFromRequestId } : {}),
                  }),
                ),
              },
              evaluation,
              changed,
            )
          : [];
        const status = evaluation.groups.every((g) => carried.some((c) => c.group === g)) ? "approved" : "pending";
        const waitingOn = evaluation.groups.filter((g) => !carried.some((c) => c.group === g));
        const rulesByKey = new Map(rules.map((r) => [r.key, r]));
        const reasons = evaluation.reasons.map((r) => ({
          key: r.key,
          label: r.label,
          version: r.version ?? null,
          value: r.value,
          groups: rulesByKey.get(r.key)?.groups ?? [],
        }));
        // Strictly after the request it replaces: "the latest request" is the newest one.
        const createdAt = previous && previous.createdAt.getTime() >= now.getTime() ? new Date(previous.createdAt.getTime() + 1) : now;
        const submitter = await tx.selectFrom("User").select("name").where("id", "=", actor.id).executeTakeFirstOrThrow();
        return {
          write: async (tx) => {
            if (outgrown && previous)
              await tx
                .updateTable("ApprovalRequest")
                .set({ status: "stale", staleAt: now, changedTerms: JSON.stringify(changed) })
                .where("id", "=", previous.id)
                .execute();
            await tx
              .insertInto("ApprovalRequest")
              .values({
                id,
                opportunityId,
                requestedById: actor.id,
                justification,
                status,
                requiredGroups: sql<ApproverGroup[]>`CAST(${`{${evaluation.groups.join(",")}}`} AS "ApproverGroup"[])`,
                reasons: JSON.stringify(reasons),
                termsSnapshot: JSON.stringify(terms),
                targetHours: turnaroundHours,
                createdAt,
                decidedAt: status === "approved" ? now : null,
                previousRequestId: previous?.id ?? null,
              })
              .execute();
            if (carried.length > 0)
              await tx
                .insertInto("ApprovalDecision")
                .values(
                  carried.map((c) => ({
                    id: newId(),
                    requestId: id,
                    group: c.group,
                    deciderId: c.deciderId,
                    decision: c.decision,
                    comment: c.comment,
                    decidedAt: c.decidedAt,
                    carriedFromRequestId: c.carriedFrom,
                  })),
                )
                .execute();
          },
          history: [
            {
              type: "approval_requested",
              details: {
                requestId: id,
                requiredGroups: evaluation.groups,
                reasons: reasons.map((r) => r.key),
                justification,
                previousRequestId: previous?.id ?? null,
                carriedGroups: carried.map((c) => c.group),
                status,
              },
            },
          ],
          messages: [
            ...(await approvalNeededMessages(
              tx,
              { id, ownerId: row.ownerId, justification, requestedByName: submitter.name },
              { name: row.name, accountName: row.accountName },
              waitingOn,
            )),
            // The outgrown request is stale from now on: its webhook, as for any approval gone stale.
            ...(outgrown && previous
              ? messagesTo(webhooks, [staleEvent({ ...row, version: row.version + 1 }, { id: previous.id, was: previous.status }, changed, now)])
              : []),
          ],
        };
      },
      // The deal as the actor may see and change it: submitting is for its owner and the owner's manager.
      { tx, now, respond: respond(tx, actor, id, now) },
    );
  });
}

/**
 * One group's decision on a pending request. The deal is locked first and the request after it, so
 * of two concurrent decisions the second sees the first's outcome: a request no longer pending, or
 * its group already decided, is CONFLICT with the request as it now is.
 */
export async function decideApprovalRequest(
  actor: Actor,
  requestId: string,
  input: DecideApprovalRequest,
  options: Options = {},
): Promise<ApprovalRequestResponse> {
  const body = parseInput(DecideApprovalRequest, input);
  const now = options.now ?? new Date();
  return inTransaction(options.tx, async (tx) => {
    const found = await loadVisibleRequest(tx, actor, requestId);
    const version = await lockDeal(tx, found.opportunityId);
    if (version === null) throw new AppError("NOT_FOUND", "Approval request not found.");
    const request = await loadVisibleRequest(tx, actor, requestId, { lock: true });
    const parties = {
      ownerId: request.ownerId,
      ownerTeamId: request.ownerTeamId,
      ownerTeamManagerId: request.ownerTeamManagerId,
      ownerTeamDeputyId: request.ownerTeamDeputyId,
    };
    const current = () => toRequestResponse(actor, request, now);
    if (request.status !== "pending")
      throw conflict(`This request is no longer pending: it is ${request.status.replace("_", " ")}.`, { reason: "not_pending", request: current() });
    const pending = pendingGroupsOf(request);
    const mine = pending.filter((g) => mayDecideFor(actor, parties, g));
    if (mine.length === 0) {
      const decidedMine = request.requiredGroups.filter((g) => !pending.includes(g) && mayDecideFor(actor, parties, g));
      if (decidedMine.length > 0) throw conflict("Your group has already decided this request.", { reason: "already_decided", request: current() });
      throw new AppError("FORBIDDEN", "You may not decide this request.");
    }
    if (body.group !== undefined && !mine.includes(body.group))
      throw new AppError("VALIDATION_FAILED", "You may not decide for this group on this request.", {
        fields: [{ field: "group", message: `one of ${mine.join(", ")}` }],
      });
    if (body.group === undefined && mine.length > 1)
      throw new AppError("VALIDATION_FAILED", "Name the group you decide for.", {
        fields: [{ field: "group", message: `required: one of ${mine.join(", ")}` }],
      });
    const group = body.group ?? mine[0]!;
    const approvedGroups = new Set([
      ...request.decisions.filter((d) => d.decision === "approve").map((d) => d.group),
      ...(body.decision === "approve" ? [group] : []),
    ]);
    const outcome =
      body.decision === "reject"
        ? "rejected"
        : body.decision === "request_changes"
          ? "changes_requested"
          : request.requiredGroups.every((g) => approvedGroups.has(g))
            ? "approved"
            : "pending";

    const decisionId = newId();
    return changeOpportunity(
      actor,
      { id: request.opportunityId, version },
      ({ row, webhooks }) => ({
        write: async (tx) => {
          await tx
            .insertInto("ApprovalDecision")
            .values({ id: decisionId, requestId, group, deciderId: actor.id, decision: body.decision, comment: body.comment, decidedAt: now })
            .execute();
          if (outcome !== "pending")
            await tx.updateTable("ApprovalRequest").set({ status: outcome, decidedAt: now }).where("id", "=", requestId).execute();
        },
        history: [{ type: "approval_decided", details: { requestId, group, decision: body.decision, comment: body.comment, status: outcome } }],
        messages: [
          ...(request.requestedByActive
            ? decisionMessages(
                { id: requestId, submitterEmail: request.requestedByEmail },
                { name: request.dealName, accountName: request.accountName },
                { group, decision: body.decision, comment: body.comment, deciderName: actor.name },
                outcome,
              )
            : []),
          ...messagesTo(webhooks, [
            decidedEvent(
              { ...row, version: row.version + 1 },
              { id: decisionId, requestId, group, decision: body.decision, comment: body.comment, deciderId: actor.id, status: outcome },
              now,
            ),
          ]),
        ],
      }),
      // Visibility was answered above (NOT_FOUND); deciding is the approver's right, not an edit of the deal.
      { tx, now, authorize: () => undefined, respond: respond(tx, actor, requestId, now) },
    );
  });
}

/** The submitter, or anyone who may submit for the deal, withdraws a pending request. */
export async function withdrawApprovalRequest(actor: Actor, requestId: string, options: Options = {}): Promise<ApprovalRequestResponse> {
  const now = options.now ?? new Date();
  return inTransaction(options.tx, async (tx) => {
    const found = await loadVisibleRequest(tx, actor, requestId);
    const version = await lockDeal(tx, found.opportunityId);
    if (version === null) throw new AppError("NOT_FOUND", "Approval request not found.");
    const request = await loadVisibleRequest(tx, actor, requestId, { lock: true });
    const view = toRequestResponse(actor, request, now);
    if (request.status !== "pending")
      throw conflict(`Only a pending request can be withdrawn; this one is ${request.status.replace("_", " ")}.`, {
        reason: "not_pending",
        request: view,
      });
    if (!view.youMayWithdraw) throw new AppError("FORBIDDEN", "You may not withdraw this request.");
    // The groups it still waited on had it in their queue: they hear that it left.
    const messages = await withdrawnMessages(
      tx,
      { id: requestId, ownerId: request.ownerId, withdrawnByName: actor.name },
      { name: request.dealName, accountName: request.accountName },
      pendingGroupsOf(request),
    );
    return changeOpportunity(
      actor,
      { id: request.opportunityId, version },
      () => ({
        write: async (tx) => {
          await tx.updateTable("ApprovalRequest").set({ status: "withdrawn", withdrawnAt: now }).where("id", "=", requestId).execute();
        },
        history: [{ type: "approval_invalidated", details: { requestId, reason: "withdrawn" } }],
        messages,
      }),
      { tx, now, authorize: () => undefined, respond: respond(tx, actor, requestId, now) },
    );
  });
}

/** One request the actor may see (NOT_FOUND otherwise). */
export async function getApprovalRequest(actor: Actor, id: string, options: { now?: Date } = {}): Promise<ApprovalRequestResponse> {
  return toRequestResponse(actor, await loadVisibleRequest(database().sql, actor, id), options.now ?? new Date());
}

/**
 * The requests the actor may see, newest first, by status and by a group they were routed to, one
 * page at a time: `limit` of them after `cursor`, as GET /opportunities pages.
 */
export async function listApprovalRequests(
  actor: Actor,
  filters: Partial<ListApprovalRequestsQuery> = {},
  options: { now?: Date } = {},
): Promise<ApprovalRequestList> {
  const now = options.now ?? new Date();
  const limit = filters.limit ?? 50;
  const after = filters.cursor ? decodeCursor(filters.cursor) : null;
  const where = sql<boolean>`(${filters.status ?? null}::text IS NULL OR r."status"::text = ${filters.status ?? null}::text)
    AND (${filters.group ?? null}::text IS NULL OR ${filters.group ?? null}::text = ANY(r."requiredGroups"::text[]))
    AND (${after === null}::boolean OR (r."createdAt", r."id") < (${after?.at ?? null}::timestamp(3), ${after?.id ?? null}::text))`;
  const rows = await loadVisibleRequests(database().sql, actor, where, { limit: limit + 1 });
  const { page, nextCursor } = pageOf(rows, limit, (row) => row);
  return { items: page.map((row) => toRequestResponse(actor, row, now)), nextCursor };
}
