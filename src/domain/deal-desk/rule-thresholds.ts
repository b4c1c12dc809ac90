// Which thresholds a rule may have (docs/rules/deal-desk.md#changing-the-rules): a threshold a deal's
// term can never reach, or one every deal passes, is a typo that would silently stop or start
// routing every deal, so it is refused when the rule is saved.
import type { RuleCondition } from "./rules";

export type NumericTerm = Exclude<RuleCondition["term"], "non_standard_terms">;

type Range = { min: number; max: number; minExclusive?: true; whole?: true; words: string };

/** The range of each numeric term's threshold, in the units the API uses (the amount in major units). */
export const THRESHOLD_RANGES: Record<NumericTerm, Range> = {
  discount_percent: { min: 0, max: 100, words: "a percentage from 0 to 100" },
  amount: { min: 0, max: 1e13, minExclusive: true, words: "an amount above 0" },
  term_months: { min: 1, max: 120, whole: true, words: "a whole number of months from 1 to 120" },
  payment_terms_days: { min: 0, max: 365, whole: true, words: "a whole number of days from 0 to 365" },
};

export type ThresholdProblem = { field: "value" | "min" | "max"; message: string };

const fits = (value: number, range: Range) =>
  Number.isFinite(value) &&
  (range.minExclusive ? value > range.min : value >= range.min) &&
  value <= range.max &&
  (!range.whole || Number.isInteger(value));

/** What is wrong with a condition's thresholds, by field; none when the rule can be saved. */
export function thresholdProblems(condition: RuleCondition): ThresholdProblem[] {
  if (condition.op === "is_set") return [];
  const range = THRESHOLD_RANGES[condition.term];
  if (condition.op !== "outside") return fits(condition.value, range) ? [] : [{ field: "value", message: range.words }];
  const problems: ThresholdProblem[] = [];
  if (!fits(condition.min, range)) problems.push({ field: "min", message: range.words });
  if (!fits(condition.max, range)) problems.push({ field: "max", message: range.words });
  if (problems.length === 0 && condition.min >= condition.max) problems.push({ field: "max", message: "must be above the lower bound" });
  return problems;
}
