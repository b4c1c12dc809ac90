// A rule's condition in words, and the words of the form's choices: shared by the page (server)
// and its forms (client), so a rule reads the same in its summary and in its editor.
import type { ApproverGroup, RuleCondition } from "@/src/domain/deal-desk/rules";
import { GROUP_LABELS } from "@/src/ui/labels";

export type Term = RuleCondition["term"];
export type Op = RuleCondition["op"];

export const TERMS: { value: Term; label: string; unit: string }[] = [
  { value: "discount_percent", label: "Discount", unit: "% off list" },
  { value: "amount", label: "Amount", unit: "in the deal's currency" },
  { value: "payment_terms_days", label: "Payment terms", unit: "days" },
  { value: "term_months", label: "Contract term", unit: "months" },
  { value: "non_standard_terms", label: "Non-standard legal terms", unit: "" },
];

export const NUMERIC_OPS: { value: Exclude<Op, "is_set">; label: string }[] = [
  { value: "gt", label: "is above" },
  { value: "gte", label: "is at or above" },
  { value: "outside", label: "is outside a range" },
];

const termOf = (term: Term) => TERMS.find((t) => t.value === term)!;
const number = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

function withUnit(term: Term, n: number): string {
  if (term === "discount_percent") return `${number(n)}%`;
  if (term === "amount") return number(n);
  return `${number(n)} ${termOf(term).unit}`;
}

/** "Discount above 15%", "Contract term below 12 or above 36 months", "Non-standard legal terms written". */
export function describeCondition(c: RuleCondition): string {
  const label = termOf(c.term).label;
  if (c.op === "is_set") return `${label} written (any MSA/SLA redline text)`;
  if (c.op === "outside") return `${label} below ${withUnit(c.term, c.min)} or above ${withUnit(c.term, c.max)}`;
  const suffix = c.term === "amount" ? " in the deal's currency" : "";
  return `${label} ${c.op === "gt" ? "above" : "at or above"} ${withUnit(c.term, c.value)}${suffix}`;
}

export const groupNames = (groups: readonly ApproverGroup[]) => groups.map((g) => GROUP_LABELS[g]).join(", ");
