// Server-side authorization: every route handler, page and server action goes through here.
// Role permissions come from the table in permissions.ts; which objects an actor may touch is
// decided here, so that an unseen deal is NOT_FOUND rather than FORBIDDEN.
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import type { Actor } from "./actor";
import { roleCan, type Permission } from "./permissions";

export function can(actor: Actor, permission: Permission): boolean {
  return roleCan(actor.role, permission);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not do this.`);
}

/** The opportunities an actor may see, as a where clause added to every opportunity query. */
export function visibleOpportunities(actor: Actor): Prisma.OpportunityWhereInput {
  switch (actor.role) {
    case "admin":
      return {};
    case "manager":
      return { OR: [{ ownerId: actor.id }, { owner: { teamId: { in: actor.teamIds } } }] };
    case "rep":
      return { ownerId: actor.id };
    case "deal_desk":
      // The deal desk sees the deals that were put in front of it.
      return { approvalRequests: { some: {} } };
    default: {
      const never: never = actor.role;
      throw new Error(`Unknown role ${String(never)}`);
    }
  }
}

/**
 * The same rule as visibleOpportunities, as SQL over `o` (the opportunity) and `u` (its owner), for
 * the one-statement reads of src/server/opportunities/load-opportunity.ts. tests/api/visibility.test.ts
 * checks both forms for every role.
 */
export function visibleOpportunitiesSql(actor: Actor): Prisma.Sql {
  switch (actor.role) {
    case "admin":
      return Prisma.sql`TRUE`;
    case "manager":
      return actor.teamIds.length
        ? Prisma.sql`(o."ownerId" = ${actor.id} OR u."teamId" IN (${Prisma.join(actor.teamIds)}))`
        : Prisma.sql`o."ownerId" = ${actor.id}`;
    case "rep":
      return Prisma.sql`o."ownerId" = ${actor.id}`;
    case "deal_desk":
      return Prisma.sql`EXISTS (SELECT 1 FROM "ApprovalRequest" ar WHERE ar."opportunityId" = o."id")`;
    default: {
      const never: never = actor.role;
      throw new Error(`Unknown role ${String(never)}`);
    }
  }
}

/** The facts about an opportunity that decide who may change it. */
export type OpportunityOwnership = { ownerId: string; ownerTeamId: string | null };

/** May the actor change this deal (fields, criteria, moves)? Reps their own, managers their team's. */
export function canChangeOpportunity(actor: Actor, deal: OpportunityOwnership): boolean {
  if (!can(actor, "opportunity.update")) return false;
  if (deal.ownerId === actor.id) return true;
  return actor.role === "manager" && deal.ownerTeamId !== null && actor.teamIds.includes(deal.ownerTeamId);
}

export function assertCanChangeOpportunity(actor: Actor, deal: OpportunityOwnership): void {
  if (!canChangeOpportunity(actor, deal)) throw new AppError("FORBIDDEN", "You may not change this opportunity.");
}

/** Who may own a deal the actor creates or reassigns: themselves, or a manager's team member. */
export function canAssignOwner(actor: Actor, owner: { id: string; teamId: string | null; role: string }): boolean {
  if (!can(actor, "opportunity.create")) return false;
  if (owner.id === actor.id) return true;
  return (
    actor.role === "manager" &&
    owner.teamId !== null &&
    actor.teamIds.includes(owner.teamId) &&
    (owner.role === "rep" || owner.role === "manager")
  );
}
