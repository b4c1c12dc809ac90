import type { ApprovalStatus } from "../criteria/deal-facts";
import { sameTerms, type ApproverGroup, type DealTerms } from "./rules";

export type LatestRequest = {
  status: "pending" | "approved" | "rejected" | "changes_requested" | "withdrawn";
  termsSnapshot: DealTerms;
} | null;

/**
 * Where a deal stands with the deal desk. An approval covers the terms it was given: once amount,
 * discount, payment terms, term length or legal terms change, it is stale and must be sought again.
 */
export function approvalStatus(requiredGroups: readonly ApproverGroup[], terms: DealTerms, latest: LatestRequest): ApprovalStatus {
  if (requiredGroups.length === 0) return "not_required";
  if (!latest || latest.status === "withdrawn" || latest.status === "changes_requested") return "needed";
  if (latest.status === "rejected") return "rejected";
  if (!sameTerms(latest.termsSnapshot, terms)) return "stale";
  return latest.status === "pending" ? "pending" : "approved";
}
