// Smart re-approval (docs/rules/deal-desk.md#resubmitting): a resubmitted request keeps the
// approvals that the change could not have touched, so only the affected groups decide again.
import type { DealDeskEvaluation } from "./evaluate-deal-desk";
import type { ApproverGroup } from "./rules";
import type { ChangedTerm } from "./terms";

export type GroupDecision = {
  group: ApproverGroup;
  decision: "approve" | "reject" | "request_changes";
  deciderId: string;
  comment: string;
  decidedAt: Date;
  /** The request the decision was first made on, when it was itself carried over. */
  carriedFrom?: string;
};

export type CarriedDecision = GroupDecision & { decision: "approve"; carriedFrom: string };

/**
 * The approvals a resubmitted request starts with. A group's approval carries over when the group
 * is still required and none of the terms its rules now read changed. Rejections and change
 * requests never carry: those groups asked for something different and must see the new terms.
 * Groups no longer required are dropped.
 */
export function carriedDecisions(
  previous: { requestId: string; decisions: readonly GroupDecision[] },
  evaluation: Pick<DealDeskEvaluation, "groups" | "termsRead">,
  changed: readonly ChangedTerm[],
): CarriedDecision[] {
  const changedKeys = new Set(changed.map((c) => c.term));
  return evaluation.groups.flatMap((group) => {
    const approval = previous.decisions.find((d) => d.group === group && d.decision === "approve");
    const read = evaluation.termsRead[group] ?? [];
    if (!approval || read.some((t) => changedKeys.has(t))) return [];
    // A decision carried twice still names the request it was made on.
    return [{ ...approval, decision: "approve" as const, carriedFrom: approval.carriedFrom ?? previous.requestId }];
  });
}
