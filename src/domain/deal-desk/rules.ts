// When a deal is non-standard and who must approve it (docs/rules/deal-desk.md). Rules are data,
// editable by admins; this module evaluates them against a deal's terms.
import { z } from "zod";

export const APPROVER_GROUPS = ["sales_manager", "finance", "legal", "sales_ops"] as const;
export type ApproverGroup = (typeof APPROVER_GROUPS)[number];

/** The terms an approval covers. If any of them changes, the approval no longer holds. */
export type DealTerms = {
  amountCents: number;
  discountPercent: number;
  paymentTermsDays: number;
  termMonths: number;
  nonStandardTerms: string;
};

/** An approval's stored snapshot, validated when read back: a malformed one proves nothing. */
export const DealTermsSnapshot = z.object({
  amountCents: z.number(),
  discountPercent: z.number(),
  paymentTermsDays: z.number(),
  termMonths: z.number(),
  nonStandardTerms: z.string(),
});

export const RuleCondition = z.discriminatedUnion("op", [
  z.object({ term: z.enum(["amount", "discount_percent", "payment_terms_days", "term_months"]), op: z.literal("gt"), value: z.number() }),
  z.object({ term: z.enum(["amount", "discount_percent", "payment_terms_days", "term_months"]), op: z.literal("gte"), value: z.number() }),
  z.object({
    term: z.enum(["amount", "discount_percent", "payment_terms_days", "term_months"]),
    op: z.literal("outside"),
    min: z.number(),
    max: z.number(),
  }),
  z.object({ term: z.literal("non_standard_terms"), op: z.literal("is_set") }),
]);
export type RuleCondition = z.infer<typeof RuleCondition>;

export type DealDeskRule = { key: string; label: string; condition: RuleCondition; groups: ApproverGroup[] };

export const DEFAULT_RULES: DealDeskRule[] = [
  {
    key: "discount_over_15",
    label: "Discount above 15% off list",
    condition: { term: "discount_percent", op: "gt", value: 15 },
    groups: ["sales_manager"],
  },
  {
    key: "discount_over_30",
    label: "Discount above 30% off list",
    condition: { term: "discount_percent", op: "gt", value: 30 },
    groups: ["finance"],
  },
  { key: "payment_terms", label: "Payment terms beyond net 30", condition: { term: "payment_terms_days", op: "gt", value: 30 }, groups: ["finance"] },
  {
    key: "legal_terms",
    label: "Non-standard legal terms (MSA/SLA redlines)",
    condition: { term: "non_standard_terms", op: "is_set" },
    groups: ["legal"],
  },
  {
    key: "term_length",
    label: "Contract shorter than 1 year or longer than 3",
    condition: { term: "term_months", op: "outside", min: 12, max: 36 },
    groups: ["finance"],
  },
  {
    key: "large_deal",
    label: "Amount of 250,000 or more",
    condition: { term: "amount", op: "gte", value: 250_000 },
    groups: ["finance", "sales_ops"],
  },
];

function termValue(terms: DealTerms, term: Exclude<RuleCondition["term"], "non_standard_terms">): number {
  switch (term) {
    case "amount":
      return terms.amountCents / 100;
    case "discount_percent":
      return terms.discountPercent;
    case "payment_terms_days":
      return terms.paymentTermsDays;
    case "term_months":
      return terms.termMonths;
  }
}

export function ruleFires(condition: RuleCondition, terms: DealTerms): boolean {
  if (condition.op === "is_set") return terms.nonStandardTerms.trim() !== "";
  const value = termValue(terms, condition.term);
  if (condition.op === "gt") return value > condition.value;
  if (condition.op === "gte") return value >= condition.value;
  return value < condition.min || value > condition.max;
}

/** The groups that must approve, in a stable order, and the rules that made them necessary. */
export function requiredApprovals(rules: readonly DealDeskRule[], terms: DealTerms) {
  const fired = rules.filter((r) => ruleFires(r.condition, terms));
  const groups = APPROVER_GROUPS.filter((g) => fired.some((r) => r.groups.includes(g)));
  return { groups, reasons: fired.map((r) => ({ key: r.key, label: r.label })) };
}

export const sameTerms = (a: DealTerms, b: DealTerms) =>
  a.amountCents === b.amountCents &&
  a.discountPercent === b.discountPercent &&
  a.paymentTermsDays === b.paymentTermsDays &&
  a.termMonths === b.termMonths &&
  a.nonStandardTerms.trim() === b.nonStandardTerms.trim();
