// How the desk's pages name request statuses, decisions and terms.
import type { TermKey, TermValue } from "@/src/domain/deal-desk/terms";
import type { RequestStatus } from "@/src/server/deal-desk/queue";
import type { QueueSort, QueueStatus } from "@/src/server/deal-desk/queue-filters";
import type { BadgeTone } from "@/src/ui/badge";

export const REQUEST_STATUS: Record<RequestStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "accent" },
  approved: { label: "Approved", tone: "success" },
  rejected: { label: "Rejected", tone: "danger" },
  changes_requested: { label: "Changes requested", tone: "warning" },
  withdrawn: { label: "Withdrawn", tone: "neutral" },
  stale: { label: "Stale", tone: "warning" },
};

export const DEAL_APPROVAL_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  not_required: { label: "Not required", tone: "neutral" },
  needed: { label: "Approval needed", tone: "warning" },
  pending: { label: "Pending", tone: "accent" },
  approved: { label: "Approved", tone: "success" },
  rejected: { label: "Rejected", tone: "danger" },
  changes_requested: { label: "Changes requested", tone: "warning" },
  stale: { label: "Stale: terms changed", tone: "warning" },
};

export const QUEUE_STATUS_LABELS: Record<QueueStatus, string> = {
  pending: "Waiting on my groups",
  approved: "Approved",
  rejected: "Rejected",
  changes_requested: "Changes requested",
  stale: "Stale",
  withdrawn: "Withdrawn",
  all: "All statuses",
};

export const SORT_LABELS: Record<QueueSort, string> = {
  oldest: "Oldest first",
  newest: "Newest first",
  due: "Due soonest",
  amount: "Largest amount",
};

export const DECISION_LABELS = {
  approve: { label: "Approved", tone: "success" },
  reject: { label: "Rejected", tone: "danger" },
  request_changes: { label: "Changes requested", tone: "warning" },
} as const satisfies Record<string, { label: string; tone: BadgeTone }>;

export const TERM_LABELS: Record<TermKey, string> = {
  amount: "Amount",
  currency: "Currency",
  discount_percent: "Discount",
  payment_terms_days: "Payment terms",
  term_months: "Contract term",
  legal_terms: "Legal terms (MSA/SLA redlines)",
};

/** A term's value as the desk reads it; null is unknown (a snapshot that did not record it). */
export function formatTerm(term: TermKey, value: TermValue): string {
  if (value === null) return "Unknown";
  switch (term) {
    case "amount":
      return Number(value).toLocaleString("en-US", { maximumFractionDigits: 2 });
    case "discount_percent":
      return `${value}%`;
    case "payment_terms_days":
      return `Net ${value}`;
    case "term_months":
      return `${value} months`;
    case "legal_terms":
      return value === "" ? "Standard" : String(value);
    default:
      return String(value);
  }
}

/** Business hours as the queue shows them: hours under two days, then days and hours. */
export function formatHours(hours: number): string {
  const whole = Math.floor(hours);
  if (whole < 48) return `${whole}h`;
  const days = Math.floor(whole / 24);
  const rest = whole % 24;
  return rest ? `${days}d ${rest}h` : `${days}d`;
}
