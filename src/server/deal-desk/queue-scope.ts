// Which approval requests are in an actor's desk queue, and which wait on them
// (docs/rules/deal-desk.md#the-desks-queue). One rule, as SQL over `r` (the request), `o` (its deal),
// `u` (the deal's owner) and `t` (the owner's team), for the queue, its counts, the navigation badge
// and the home page's "waiting on you".
import { sql, type RawBuilder } from "kysely";
import type { Actor } from "../../auth/actor";
import { permissionScope } from "../../auth/authorize";
import { approverGroups } from "../../auth/capabilities";
import { APPROVER_GROUPS, type ApproverGroup } from "../../domain/deal-desk/rules";

/** The tables the fragments below read, joined as they expect. */
export const QUEUE_FROM = sql`"ApprovalRequest" r
  JOIN "Opportunity" o ON o."id" = r."opportunityId"
  JOIN "User" u ON u."id" = o."ownerId"
  LEFT JOIN "Team" t ON t."id" = u."teamId"`;

/**
 * The groups whose requests the actor's queue follows: every group for those who watch the whole
 * desk, otherwise the groups they decide for (a desk member's own groups, the sales manager group
 * for a manager).
 */
export function queueGroups(actor: Actor): ApproverGroup[] {
  const scope = permissionScope(actor, "approval.queue");
  if (scope === null) return [];
  if (scope === "all") return [...APPROVER_GROUPS];
  return approverGroups(actor);
}

/**
 * A manager follows the sales manager group on the teams they manage or deputise for, not on every
 * team they can see (a manager on a team led by someone else does not decide for it).
 */
function teamCondition(actor: Actor): RawBuilder<boolean> {
  if (permissionScope(actor, "approval.queue") !== "team") return sql<boolean>`TRUE`;
  return sql<boolean>`(t."managerId" = ${actor.id}::text OR t."approvalDeputyId" = ${actor.id}::text)`;
}

/** The request was routed to one of `groups` (whatever its status), on a deal in the actor's reach. */
export function routedToSql(actor: Actor, groups: readonly ApproverGroup[]): RawBuilder<boolean> {
  if (groups.length === 0) return sql<boolean>`FALSE`;
  return sql<boolean>`(r."requiredGroups"::text[] && ${[...groups]}::text[] AND ${teamCondition(actor)})`;
}

/** `group` (an SQL text value) is one of the request's groups and has not decided on it yet. */
const undecided = (group: RawBuilder<unknown>) => sql<boolean>`(${group} = ANY(r."requiredGroups"::text[])
  AND NOT EXISTS (SELECT 1 FROM "ApprovalDecision" d WHERE d."requestId" = r."id" AND d."group"::text = ${group}))`;

/** Pending, in the actor's teams for a manager, and not on a deal of their own: the owner never decides on it. */
const pendingForActor = (actor: Actor) => sql<boolean>`(r."status" = 'pending' AND ${teamCondition(actor)} AND o."ownerId" <> ${actor.id}::text)`;

/**
 * A pending request waits on one of `groups` when that group is required and has not decided yet:
 * a member of finance and legal still owes legal's decision once finance has approved.
 */
export function waitingOnSql(actor: Actor, groups: readonly ApproverGroup[]): RawBuilder<boolean> {
  if (groups.length === 0) return sql<boolean>`FALSE`;
  return sql<boolean>`(${pendingForActor(actor)} AND EXISTS (
    SELECT 1 FROM unnest(${[...groups]}::text[]) AS g("name") WHERE ${undecided(sql`g."name"`)}))`;
}

/** The same for one group given as SQL (a column of a join), for counts per group. */
export function waitingOnGroupSql(actor: Actor, group: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${pendingForActor(actor)} AND ${undecided(group)})`;
}
