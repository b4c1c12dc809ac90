import { describe, expect, test } from "vitest";
import { thresholdProblems } from "@/src/domain/deal-desk/rule-thresholds";
import { DEFAULT_RULES, type RuleCondition } from "@/src/domain/deal-desk/rules";

describe("a rule's thresholds must be reachable by a deal's terms (docs/rules/deal-desk.md#changing-the-rules)", () => {
  test("every default rule can be saved as it is", () => {
    for (const rule of DEFAULT_RULES) expect(thresholdProblems(rule.condition)).toEqual([]);
  });

  test.each<[string, RuleCondition, string[]]>([
    ["a discount of 0%", { term: "discount_percent", op: "gt", value: 0 }, []],
    ["a discount of 100%", { term: "discount_percent", op: "gte", value: 100 }, []],
    ["a discount of 100.5%", { term: "discount_percent", op: "gt", value: 100.5 }, ["value"]],
    ["a discount of -0.01%", { term: "discount_percent", op: "gt", value: -0.01 }, ["value"]],
    ["a fractional discount", { term: "discount_percent", op: "gt", value: 12.5 }, []],
    ["an amount of 0.01", { term: "amount", op: "gte", value: 0.01 }, []],
    ["an amount of 0", { term: "amount", op: "gte", value: 0 }, ["value"]],
    ["a negative amount", { term: "amount", op: "gt", value: -5 }, ["value"]],
    ["1 month", { term: "term_months", op: "gt", value: 1 }, []],
    ["120 months", { term: "term_months", op: "gt", value: 120 }, []],
    ["0 months", { term: "term_months", op: "gt", value: 0 }, ["value"]],
    ["121 months", { term: "term_months", op: "gte", value: 121 }, ["value"]],
    ["half a month", { term: "term_months", op: "gt", value: 12.5 }, ["value"]],
    ["net 0", { term: "payment_terms_days", op: "gt", value: 0 }, []],
    ["net 365", { term: "payment_terms_days", op: "gte", value: 365 }, []],
    ["net 366", { term: "payment_terms_days", op: "gt", value: 366 }, ["value"]],
    ["half a day", { term: "payment_terms_days", op: "gt", value: 30.5 }, ["value"]],
    ["a range", { term: "term_months", op: "outside", min: 6, max: 60 }, []],
    ["a range upside down", { term: "term_months", op: "outside", min: 60, max: 6 }, ["max"]],
    ["a range of one value", { term: "discount_percent", op: "outside", min: 10, max: 10 }, ["max"]],
    ["a range with both bounds out of reach", { term: "term_months", op: "outside", min: 0, max: 200 }, ["min", "max"]],
    ["the legal terms", { term: "non_standard_terms", op: "is_set" }, []],
  ])("%s", (_, condition, fields) => {
    expect(thresholdProblems(condition).map((p) => p.field)).toEqual(fields);
  });
});
