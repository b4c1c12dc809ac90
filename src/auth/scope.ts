// Whether one object is in an actor's scope (permissions.ts). Deals are judged by whose they are:
// their owner and the owner's team, and for the deal desk whether they were submitted to its groups.
import type { Actor } from "./actor";
import type { Scope } from "./permissions";

/** The facts about a deal that decide who may act on it. */
export type OpportunityOwnership = {
  ownerId: string;
  ownerTeamId: string | null;
  /**
   * The approver groups the deal's approval requests were routed to, all of them; only the deal
   * desk's scope reads it, and absent is none.
   */
  submittedTo?: readonly string[];
  /**
   * The deputy an admin named for the owner's team's sales manager group; only the deputy's sight of
   * the deal reads it (authorize.ts, canSee), and absent is none.
   */
  ownerTeamDeputyId?: string | null;
};

/** Who is judged: the actor, or a user the actor names (a close plan step's owner). */
export type ScopeSubject = Pick<Actor, "id" | "teamIds" | "groups">;

export function inScope(actor: ScopeSubject, scope: Scope, deal: OpportunityOwnership): boolean {
  switch (scope) {
    case "all":
      return true;
    case "own":
      return deal.ownerId === actor.id;
    case "team":
      return deal.ownerId === actor.id || (deal.ownerTeamId !== null && actor.teamIds.includes(deal.ownerTeamId));
    case "submitted":
      return actor.groups.some((group) => deal.submittedTo?.includes(group));
    default: {
      const never: never = scope;
      throw new Error(`Unknown scope ${String(never)}`);
    }
  }
}
