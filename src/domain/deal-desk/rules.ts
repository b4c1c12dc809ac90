// When a deal is non-standard and who must approve it (docs/rules/deal-desk.md). Rules are data,
// editable by admins; this module evaluates them against a deal's terms.
import { z } from "zod";
import { type DealTerms, type TermKey, termValue } from "./terms";

export const APPROVER_GROUPS = ["sales_manager", "finance", "legal", "sales_ops"] as const;
export type ApproverGroup = (typeof APPROVER_GROUPS)[number];

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

/** `version` counts an admin's edits, so a request can record which version of a rule fired. */
export type DealDeskRule = { key: string; label: string; version?: number; condition: RuleCondition; groups: ApproverGroup[] };

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

/** A numeric rule's term, as the API shows it (the amount in major units): the rule terms are term keys. */
const numericValue = (terms: DealTerms, term: Exclude<RuleCondition["term"], "non_standard_terms">): number => termValue(terms, term) as number;

/** The value a condition looks at: a number, or the legal terms' text, trimmed. */
export function conditionValue(condition: RuleCondition, terms: DealTerms): number | string {
  return condition.term === "non_standard_terms" ? terms.nonStandardTerms.trim() : numericValue(terms, condition.term);
}

export function ruleFires(condition: RuleCondition, terms: DealTerms): boolean {
  if (condition.op === "is_set") return terms.nonStandardTerms.trim() !== "";
  const value = numericValue(terms, condition.term);
  if (condition.op === "gt") return value > condition.value;
  if (condition.op === "gte") return value >= condition.value;
  return value < condition.min || value > condition.max;
}

/**
 * The terms a condition reads. An amount threshold is in the deal's currency, so the same number
 * in another currency is another amount, and the rule reads the currency too.
 */
export function termsRead(condition: RuleCondition): TermKey[] {
  switch (condition.term) {
    case "amount":
      return ["amount", "currency"];
    case "non_standard_terms":
      return ["legal_terms"];
    default:
      return [condition.term];
  }
}
