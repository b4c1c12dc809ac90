// Who sees an approval request and who decides for each of its groups (docs/rules/deal-desk.md#who-decides):
// the one statement of both rules, each written here once per form it is read in (for one row, and as
// SQL for lists and counts). The desk's queue (src/server/deal-desk/queue-scope.ts) does not restate
// them: what waits on someone in their queue is this file's decider rule, and a request's page is
// this file's sight rule.
// A request is seen by whoever sees its deal through their own deals or their team's, by the deal desk
// for the requests routed to its groups, and by the deputy a team's sales manager group has; it is
// decided by a desk member for their groups, and for the "sales_manager" group by the deal owner's
// team manager or that team's deputy. Nobody decides on their own deal; admins do not decide.
import { sql, type RawBuilder } from "kysely";
import type { ApproverGroup } from "../generated/prisma/client";
import type { Actor } from "./actor";
import { can, visibilityValues } from "./authorize";
import { approverGroups } from "./capabilities";

/** The people a request's decisions depend on: the deal's owner and the owner's team's manager and deputy. */
export type ApprovalParties = {
  ownerId: string;
  ownerTeamId: string | null;
  ownerTeamManagerId: string | null;
  ownerTeamDeputyId: string | null;
};

/** May the actor decide for `group` on a request for this deal? */
export function mayDecideFor(actor: Actor, parties: ApprovalParties, group: ApproverGroup): boolean {
  if (actor.id === parties.ownerId) return false;
  if (!approverGroups(actor).includes(group)) return false;
  if (group === "sales_manager") return actor.id === parties.ownerTeamManagerId || actor.id === parties.ownerTeamDeputyId;
  return true;
}

/**
 * The same rule as SQL over `o` (the deal) and `t` (the owner's team, left joined), for `group` given
 * as an SQL text value (a literal or a column): the twin of mayDecideFor for lists and counts.
 */
export function decidesForSql(actor: Actor, group: RawBuilder<unknown>): RawBuilder<boolean> {
  const groups = approverGroups(actor);
  if (groups.length === 0) return sql<boolean>`FALSE`;
  return sql<boolean>`(o."ownerId" <> ${actor.id}::text AND ${group} = ANY(${groups}::text[])
    AND (${group} <> 'sales_manager' OR ${decidesForTeamSql(actor)}))`;
}

/**
 * The actor decides for the sales manager group of the owner's team (`t`): they manage it, or an
 * admin named them its deputy. Sitting on a team someone else leads is not enough.
 */
export const decidesForTeamSql = (actor: Actor): RawBuilder<boolean> =>
  sql<boolean>`(t."managerId" = ${actor.id}::text OR t."approvalDeputyId" = ${actor.id}::text)`;

/** May the actor submit (and withdraw) a request for this deal: the owner, or a manager of the owner's team. */
export function maySubmitFor(actor: Actor, parties: Pick<ApprovalParties, "ownerId" | "ownerTeamId">): boolean {
  return can(actor, "approval.submit", { ownerId: parties.ownerId, ownerTeamId: parties.ownerTeamId });
}

/**
 * The requests an actor sees, as SQL over `r` (the request), `o` (its deal), `u` (the deal's owner)
 * and `t` (the owner's team, left joined): the deals they see as owner or through a team, the
 * requests routed to their desk groups, the requests of a team they deputise for, everything for an admin.
 */
export function visibleRequestsSql(actor: Actor): RawBuilder<boolean> {
  const v = visibilityValues(actor);
  return sql<boolean>`(${v.everything}::boolean OR o."ownerId" = ${v.ownerId}::text OR u."teamId" = ANY(${v.teamIds}::text[])
    OR r."requiredGroups"::text[] && ${v.deskGroups}::text[]
    OR (t."approvalDeputyId" = ${v.deputyId}::text AND 'sales_manager' = ANY(r."requiredGroups"::text[])))`;
}
