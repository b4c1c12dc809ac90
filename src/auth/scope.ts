// Whether one object is in an actor's scope (permissions.ts). Deals are judged by whose they are:
// their owner and the owner's team, and for the deal desk whether they were submitted to it.
import type { Actor } from "./actor";
import type { Scope } from "./permissions";

/** The facts about a deal that decide who may act on it. */
export type OpportunityOwnership = {
  ownerId: string;
  ownerTeamId: string | null;
  /** Whether the deal has an approval request; only the deal desk's scope reads it, absent is no. */
  submitted?: boolean;
};

export function inScope(actor: Actor, scope: Scope, deal: OpportunityOwnership): boolean {
  switch (scope) {
    case "all":
      return true;
    case "own":
      return deal.ownerId === actor.id;
    case "team":
      return deal.ownerId === actor.id || (deal.ownerTeamId !== null && actor.teamIds.includes(deal.ownerTeamId));
    case "submitted":
      return deal.submitted === true;
    default: {
      const never: never = scope;
      throw new Error(`Unknown scope ${String(never)}`);
    }
  }
}
