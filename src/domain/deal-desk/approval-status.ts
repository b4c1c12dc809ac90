import type { ApprovalStatus } from "../criteria/deal-facts";
import type { ApproverGroup } from "./rules";
import { changedTerms, DealTermsSnapshot, TERM_KEYS, termValue, type ChangedTerm, type DealTerms } from "./terms";

export type LatestRequest = {
  /** `stale` is stored once a change to the deal made the request stale: it stays so. */
  status: "pending" | "approved" | "rejected" | "changes_requested" | "withdrawn" | "stale";
  /** The groups the request was routed to, and the terms they were shown (stored JSON). */
  requiredGroups: readonly ApproverGroup[];
  termsSnapshot: unknown;
} | null;

/** For a stale request, the terms that changed since its snapshot (none when only the rules did). */
export type ApprovalStanding = { status: ApprovalStatus; changedTerms: ChangedTerm[] };

/**
 * Where a deal stands with the deal desk. An approval covers the terms it was given and the groups
 * that gave it: once one of the six terms changes, or the rules now ask a group that was not asked,
 * it is stale and must be sought again. A deal that no rule calls non-standard needs nothing.
 */
export function approvalStatus(requiredGroups: readonly ApproverGroup[], terms: DealTerms, latest: LatestRequest): ApprovalStanding {
  const standing = (status: ApprovalStatus, changed: ChangedTerm[] = []) => ({ status, changedTerms: changed });
  if (requiredGroups.length === 0) return standing("not_required");
  if (!latest || latest.status === "withdrawn") return standing("needed");
  // The desk's answer stands until the rep submits again, whatever they changed meanwhile.
  if (latest.status === "rejected" || latest.status === "changes_requested") return standing(latest.status);
  const snapshot = DealTermsSnapshot.safeParse(latest.termsSnapshot);
  // An unreadable snapshot proves nothing: every term counts as changed, from unknown.
  if (!snapshot.success)
    return standing(
      "stale",
      TERM_KEYS.map((term) => ({ term, from: null, to: termValue(terms, term) })),
    );
  const changed = changedTerms(snapshot.data, terms);
  if (latest.status === "stale" || changed.length > 0) return standing("stale", changed);
  if (requiredGroups.some((g) => !latest.requiredGroups.includes(g))) return standing("stale");
  return standing(latest.status === "pending" ? "pending" : "approved");
}
