// What pages show an actor they may do, asked of the same table the use cases enforce
// (permissions.ts), so a page never offers what the server would refuse.
import type { ApproverGroup } from "../generated/prisma/client";
import type { Actor } from "./actor";
import { can, permissionScope } from "./authorize";
import type { OpportunityOwnership } from "./scope";

export type OpportunityCapabilities = {
  /** Fields, criteria, contacts, close plan, files, moves and disqualifying. */
  change: boolean;
  /** Move past unmet exit criteria with a justification. */
  override: boolean;
  /** Give the deal to someone else. */
  assignOwner: boolean;
};

/** What the actor may do to one deal they can see. Whether the deal's state allows it is the domain's. */
export function opportunityCapabilities(actor: Actor, deal: OpportunityOwnership): OpportunityCapabilities {
  const change = can(actor, "opportunity.update", deal);
  return {
    change,
    override: change && can(actor, "opportunity.override", deal),
    assignOwner: change && canChooseOwner(actor),
  };
}

/** May the actor give a deal to someone other than themselves (on creating or reassigning it)? */
export function canChooseOwner(actor: Actor): boolean {
  const scope = permissionScope(actor, "opportunity.create");
  return scope === "team" || scope === "all";
}

/**
 * The approver groups an actor decides for: a manager as the sales manager of their teams, a deal
 * desk user for each group they belong to.
 */
export function approverGroups(actor: Actor): ApproverGroup[] {
  switch (permissionScope(actor, "approval.decide")) {
    case "team":
      return ["sales_manager"];
    case "submitted":
      return [...actor.groups];
    default:
      return [];
  }
}
