// Which approval requests are in an actor's desk queue, and which wait on them
// (docs/rules/deal-desk.md#the-desks-queue), as SQL over `r` (the request), `o` (its deal), `u` (the
// deal's owner) and `t` (the owner's team), for the queue, its counts, the navigation badge and the
// home page's "waiting on you".
// This is not who sees a request (src/auth/approval-access.ts, visibleRequestsSql): that is a
// different, wider rule, since an owner and their team see requests they never follow, and a queue
// follows groups, not deals. Who decides is that file's rule, not restated here: a request waits on
// someone for the groups decidesForSql lets them decide, and a manager follows the sales manager
// group on the teams decidesForTeamSql names. Only an admin's queue differs: they watch every
// group and decide for none.
import { sql, type RawBuilder } from "kysely";
import type { Actor } from "../../auth/actor";
import { decidesForSql, decidesForTeamSql } from "../../auth/approval-access";
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
 * A manager follows the sales manager group on the teams they decide for (manage or deputise for),
 * not on every team they can see; the desk and admins follow their groups on every deal.
 */
function teamCondition(actor: Actor): RawBuilder<boolean> {
  if (permissionScope(actor, "approval.queue") !== "team") return sql<boolean>`TRUE`;
  return decidesForTeamSql(actor);
}

/** The request was routed to one of `groups` (whatever its status), on a deal in the actor's reach. */
export function routedToSql(actor: Actor, groups: readonly ApproverGroup[]): RawBuilder<boolean> {
  if (groups.length === 0) return sql<boolean>`FALSE`;
  return sql<boolean>`(r."requiredGroups"::text[] && ${[...groups]}::text[] AND ${teamCondition(actor)})`;
}

/** `group` (an SQL text value) is one of the request's groups and has not decided on it yet. */
const undecided = (group: RawBuilder<unknown>) => sql<boolean>`(${group} = ANY(r."requiredGroups"::text[])
  AND NOT EXISTS (SELECT 1 FROM "ApprovalDecision" d WHERE d."requestId" = r."id" AND d."group"::text = ${group}))`;

/**
 * A pending request waits on the actor for `group` when that group has not decided and the actor
 * decides for it (decidesForSql). An admin, who watches the whole desk and decides nothing, sees
 * what waits on each group, except on a deal of their own.
 */
const waitsOn = (actor: Actor, group: RawBuilder<unknown>) =>
  permissionScope(actor, "approval.queue") === "all"
    ? sql<boolean>`(${undecided(group)} AND o."ownerId" <> ${actor.id}::text)`
    : sql<boolean>`(${undecided(group)} AND ${decidesForSql(actor, group)})`;

/**
 * A pending request waits on one of `groups` when that group is required and has not decided yet:
 * a member of finance and legal still owes legal's decision once finance has approved.
 */
export function waitingOnSql(actor: Actor, groups: readonly ApproverGroup[]): RawBuilder<boolean> {
  if (groups.length === 0) return sql<boolean>`FALSE`;
  return sql<boolean>`(r."status" = 'pending' AND EXISTS (
    SELECT 1 FROM unnest(${[...groups]}::text[]) AS g("name") WHERE ${waitsOn(actor, sql`g."name"`)}))`;
}

/** The same for one group given as SQL (a column of a join), for counts per group. */
export function waitingOnGroupSql(actor: Actor, group: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(r."status" = 'pending' AND ${waitsOn(actor, group)})`;
}
