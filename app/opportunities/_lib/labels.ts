import type { BadgeTone } from "@/src/ui/badge";

export const FILE_KIND_LABELS = {
  signed_contract: "Signed contract",
  order_form: "Order form",
  quote: "Quote",
  other: "Other",
} as const;

export const CONTACT_ROLE_LABELS = {
  decision_maker: "Decision maker",
  economic_buyer: "Economic buyer",
  champion: "Champion",
  influencer: "Influencer",
  technical_buyer: "Technical buyer",
  procurement: "Procurement",
  legal: "Legal",
  user: "User",
  customer_contact: "Customer contact",
} as const;

export const APPROVAL_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  not_required: { label: "Not required", tone: "neutral" },
  needed: { label: "Approval needed", tone: "warning" },
  pending: { label: "Pending", tone: "accent" },
  approved: { label: "Approved", tone: "success" },
  rejected: { label: "Rejected", tone: "danger" },
  changes_requested: { label: "Changes requested", tone: "warning" },
  stale: { label: "Stale: terms changed", tone: "warning" },
};

export const STALL_REASONS = {
  next_step_overdue: "next step overdue",
  too_long_in_stage: "too long in stage",
} as const;

export const CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "JPY", "SGD", "INR", "BRL", "MXN"] as const;
