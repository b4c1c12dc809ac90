// Server-side authorization: every route handler, page and server action goes through here.
// What a role may do, and to which objects, is the table in permissions.ts; whether an object is in
// reach is scope.ts. Which deals an actor sees is decided here too, so that an unseen deal is
// NOT_FOUND rather than FORBIDDEN.
import { sql, type RawBuilder } from "kysely";
import type { ApproverGroup, Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import type { Actor } from "./actor";
import { roleCan, roleScope, type Permission, type Role, type Scope as PermissionScope } from "./permissions";
import { actorTeamIds } from "./load-actor";
import { inScope, type OpportunityOwnership } from "./scope";

export type { OpportunityOwnership } from "./scope";

/**
 * May the actor do this? With an object, to that object (a deal, or for opportunity.create the new
 * deal's owner); without one, whether their role may do it at all, to some objects.
 */
export function can(actor: Actor, permission: Permission, object?: OpportunityOwnership): boolean {
  const scope = roleScope(actor.role, permission);
  if (scope === null) return false;
  return object === undefined || inScope(actor, scope, object);
}

export function assertCan(actor: Actor, permission: Permission, object?: OpportunityOwnership): void {
  if (!can(actor, permission, object)) throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not do this.`);
}

/** Which objects the actor may do this to, or null when their role may not do it at all. */
export function permissionScope(actor: Actor, permission: Permission): PermissionScope | null {
  return roleScope(actor.role, permission);
}

/**
 * Which deals an actor sees: the `opportunity.read` row of the permission table, as the parts of a
 * where clause (a deal in scope matches any part), and one more part for a team's approval deputy:
 * what they decide for, they see. Rendered below for Prisma's reads and for the write path's SQL;
 * tests/api/visibility.test.ts checks both against canSee for every role.
 */
type Visibility =
  | { everything: true }
  | { ownerId?: string; ownerTeamIds?: readonly string[]; submittedToGroups?: readonly string[]; deputyId?: string };

/**
 * Those who decide for the sales manager group (a manager: approval.decide on their team) may be
 * named a team's deputy for it (docs/rules/roles-and-access.md#who-sees-which-deals).
 */
export const mayDeputise = (actor: Pick<Actor, "role">): boolean => roleScope(actor.role, "approval.decide") === "team";

function visibilityOf(actor: Actor): Visibility {
  const scope = roleScope(actor.role, "opportunity.read");
  const deputy = mayDeputise(actor) ? { deputyId: actor.id } : {};
  switch (scope) {
    case "all":
      return { everything: true };
    case "team":
      return { ownerId: actor.id, ownerTeamIds: actor.teamIds, ...deputy };
    case "own":
      return { ownerId: actor.id, ...deputy };
    case "submitted":
      return { submittedToGroups: actor.groups, ...deputy };
    case null:
      return { ...deputy };
    default: {
      const never: never = scope;
      throw new Error(`Unknown scope ${String(never)}`);
    }
  }
}

/**
 * May the actor see this deal? Its opportunity.read scope, or, for the deputy of the owner's team, a
 * request on it that asked the sales manager group (whatever that request's status): the deputy
 * reads the deal they decide on, before and after deciding, for as long as they are the deputy.
 */
export function canSee(actor: Actor, deal: OpportunityOwnership): boolean {
  if (can(actor, "opportunity.read", deal)) return true;
  return mayDeputise(actor) && deal.ownerTeamDeputyId === actor.id && !!deal.submittedTo?.includes("sales_manager");
}

/** The opportunities an actor may see, as a where clause added to every opportunity query. */
export function visibleOpportunities(actor: Actor): Prisma.OpportunityWhereInput {
  const scope = visibilityOf(actor);
  if ("everything" in scope) return {};
  const any: Prisma.OpportunityWhereInput[] = [];
  if (scope.ownerId) any.push({ ownerId: scope.ownerId });
  if (scope.ownerTeamIds?.length) any.push({ owner: { teamId: { in: [...scope.ownerTeamIds] } } });
  if (scope.submittedToGroups?.length)
    any.push({ approvalRequests: { some: { requiredGroups: { hasSome: scope.submittedToGroups as ApproverGroup[] } } } });
  if (scope.deputyId)
    any.push({ owner: { team: { approvalDeputyId: scope.deputyId } }, approvalRequests: { some: { requiredGroups: { has: "sales_manager" } } } });
  return any.length === 1 ? any[0]! : { OR: any };
}

/** The rule's values for one actor, for the SQL below. */
export function visibilityValues(actor: Actor): VisibilityValues {
  const scope = visibilityOf(actor);
  if ("everything" in scope) return { everything: true, ownerId: null, teamIds: [], deskGroups: [], deputyId: null };
  return {
    everything: false,
    ownerId: scope.ownerId ?? null,
    teamIds: [...(scope.ownerTeamIds ?? [])],
    deskGroups: [...(scope.submittedToGroups ?? [])],
    deputyId: scope.deputyId ?? null,
  };
}
export type VisibilityValues = { everything: boolean; ownerId: string | null; teamIds: string[]; deskGroups: string[]; deputyId: string | null };

/**
 * The same rule as SQL over `o` (the opportunity) and `u` (its owner). Its text is the same for
 * every actor (only the values differ), so a statement using it can be compiled once; PostgreSQL
 * plans it with the values, and drops the parts that are false for this actor.
 */
export const visibilitySql = (v: { [K in keyof VisibilityValues]: VisibilityValues[K] | never }) =>
  sql<boolean>`(${v.everything}::boolean OR o."ownerId" = ${v.ownerId}::text OR u."teamId" = ANY(${v.teamIds}::text[])
    OR (cardinality(${v.deskGroups}::text[]) > 0 AND EXISTS (SELECT 1 FROM "ApprovalRequest" ar
      WHERE ar."opportunityId" = o."id" AND ar."requiredGroups"::text[] && ${v.deskGroups}::text[]))
    OR (${v.deputyId}::text IS NOT NULL AND EXISTS (SELECT 1 FROM "Team" dt WHERE dt."id" = u."teamId" AND dt."approvalDeputyId" = ${v.deputyId}::text)
      AND EXISTS (SELECT 1 FROM "ApprovalRequest" ar WHERE ar."opportunityId" = o."id" AND 'sales_manager' = ANY(ar."requiredGroups"::text[]))))`;

export const visibleOpportunitiesSql = (actor: Actor): RawBuilder<boolean> => visibilitySql(visibilityValues(actor));

/** May the actor change this deal (fields, criteria, contacts, plan, files, moves)? */
export function canChangeOpportunity(actor: Actor, deal: OpportunityOwnership): boolean {
  return can(actor, "opportunity.update", deal);
}

export function assertCanChangeOpportunity(actor: Actor, deal: OpportunityOwnership): void {
  if (!canChangeOpportunity(actor, deal)) throw new AppError("FORBIDDEN", "You may not change this opportunity.");
}

/**
 * May the actor give a deal to this owner, on creating or reassigning it? The owner must be in the
 * actor's opportunity.create scope, and hold a deal-creating role themselves.
 */
export function canAssignOwner(actor: Actor, owner: { id: string; teamId: string | null; role: Role }): boolean {
  return can(actor, "opportunity.create", { ownerId: owner.id, ownerTeamId: owner.teamId }) && roleCan(owner.role, "opportunity.create");
}

/**
 * May the actor import a deal for this owner (create it for them, or give them an imported deal)?
 * The owner must be in the actor's opportunity.import scope, and hold a deal-creating role themselves.
 */
export function canImportFor(actor: Actor, owner: { id: string; teamId: string | null; role: Role }): boolean {
  return can(actor, "opportunity.import", { ownerId: owner.id, ownerTeamId: owner.teamId }) && roleCan(owner.role, "opportunity.create");
}

/**
 * May this user own a step of the deal's close plan? The user is the one named as the step's owner,
 * not the actor: the deal's owner, someone on the owner's team, its manager, or the deal desk.
 */
export function canOwnPlanStep(
  user: { id: string; role: Role; teamId: string | null; managedTeamIds: readonly string[] },
  deal: OpportunityOwnership,
): boolean {
  const scope = roleScope(user.role, "closePlan.ownStep");
  return scope !== null && inScope({ id: user.id, teamIds: actorTeamIds(user, user.managedTeamIds), groups: [] }, scope, deal);
}
