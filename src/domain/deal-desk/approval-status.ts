import type { ApprovalStatus } from "../criteria/deal-facts";
import { DealTermsSnapshot, sameTerms, type ApproverGroup, type DealTerms } from "./rules";

export type LatestRequest = {
  status: "pending" | "approved" | "rejected" | "changes_requested" | "withdrawn";
  /** The groups the request was routed to, and the terms they were shown (stored JSON). */
  requiredGroups: readonly ApproverGroup[];
  termsSnapshot: unknown;
} | null;

/**
 * Where a deal stands with the deal desk. An approval covers the terms it was given and the groups
 * that gave it: once amount, discount, payment terms, term length or legal terms change, or the
 * rules now ask a group that was not asked, it is stale and must be sought again.
 */
export function approvalStatus(requiredGroups: readonly ApproverGroup[], terms: DealTerms, latest: LatestRequest): ApprovalStatus {
  if (requiredGroups.length === 0) return "not_required";
  if (!latest || latest.status === "withdrawn" || latest.status === "changes_requested") return "needed";
  if (latest.status === "rejected") return "rejected";
  const snapshot = DealTermsSnapshot.safeParse(latest.termsSnapshot);
  if (!snapshot.success || !sameTerms(snapshot.data, terms)) return "stale";
  if (requiredGroups.some((g) => !latest.requiredGroups.includes(g))) return "stale";
  return latest.status === "pending" ? "pending" : "approved";
}
