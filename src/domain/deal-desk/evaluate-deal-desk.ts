// The one answer to "what does the deal desk make of these terms" (docs/rules/deal-desk.md): the
// API's approval object, the exit criterion and the desk's pages all start from it.
import { APPROVER_GROUPS, conditionValue, ruleFires, termsRead, type ApproverGroup, type DealDeskRule } from "./rules";
import { TERM_KEYS, type DealTerms, type TermKey } from "./terms";

/** A rule that fired, with the value that fired it, recorded on a request as its reason. */
export type FiredRule = { key: string; label: string; version?: number; value: number | string };

export type DealDeskEvaluation = {
  /** Every group of every rule that fired, in APPROVER_GROUPS order; none for a standard deal. */
  groups: ApproverGroup[];
  reasons: FiredRule[];
  /** For each required group, the terms read by the rules that call for it, in TERM_KEYS order. */
  termsRead: Partial<Record<ApproverGroup, TermKey[]>>;
};

export function evaluateDealDesk(rules: readonly DealDeskRule[], terms: DealTerms): DealDeskEvaluation {
  const fired = rules.filter((r) => ruleFires(r.condition, terms));
  const groups = APPROVER_GROUPS.filter((g) => fired.some((r) => r.groups.includes(g)));
  const termsReadBy = (group: ApproverGroup) => {
    const read = new Set(fired.filter((r) => r.groups.includes(group)).flatMap((r) => termsRead(r.condition)));
    return TERM_KEYS.filter((t) => read.has(t));
  };
  return {
    groups,
    reasons: fired.map((r) => ({
      key: r.key,
      label: r.label,
      ...(r.version === undefined ? {} : { version: r.version }),
      value: conditionValue(r.condition, terms),
    })),
    termsRead: Object.fromEntries(groups.map((g) => [g, termsReadBy(g)])),
  };
}
