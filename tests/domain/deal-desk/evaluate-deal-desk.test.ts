import { describe, expect, test } from "vitest";
import { evaluateDealDesk } from "@/src/domain/deal-desk/evaluate-deal-desk";
import { DEFAULT_RULES, type DealDeskRule } from "@/src/domain/deal-desk/rules";
import type { DealTerms } from "@/src/domain/deal-desk/terms";

const standard: DealTerms = {
  amountCents: 50_000_00,
  currency: "USD",
  discountPercent: 0,
  paymentTermsDays: 30,
  termMonths: 12,
  nonStandardTerms: "",
};
const evaluate = (change: Partial<DealTerms>) => evaluateDealDesk(DEFAULT_RULES, { ...standard, ...change });

describe("the default rules, at and around each threshold (docs/rules/deal-desk.md)", () => {
  test.each<[string, Partial<DealTerms>, string[], string[]]>([
    ["a standard deal", {}, [], []],
    ["15% discount exactly", { discountPercent: 15 }, [], []],
    ["15.01% discount", { discountPercent: 15.01 }, ["discount_over_15"], ["sales_manager"]],
    ["30% discount exactly", { discountPercent: 30 }, ["discount_over_15"], ["sales_manager"]],
    ["30.01% discount", { discountPercent: 30.01 }, ["discount_over_15", "discount_over_30"], ["sales_manager", "finance"]],
    ["net 30", { paymentTermsDays: 30 }, [], []],
    ["net 31", { paymentTermsDays: 31 }, ["payment_terms"], ["finance"]],
    ["an 11-month contract", { termMonths: 11 }, ["term_length"], ["finance"]],
    ["a 12-month contract", { termMonths: 12 }, [], []],
    ["a 36-month contract", { termMonths: 36 }, [], []],
    ["a 37-month contract", { termMonths: 37 }, ["term_length"], ["finance"]],
    ["249,999.99", { amountCents: 249_999_99 }, [], []],
    ["250,000 exactly", { amountCents: 250_000_00 }, ["large_deal"], ["finance", "sales_ops"]],
    ["250,000 in another currency", { amountCents: 250_000_00, currency: "EUR" }, ["large_deal"], ["finance", "sales_ops"]],
    ["blank legal terms", { nonStandardTerms: "  \n\t" }, [], []],
    ["MSA redlines", { nonStandardTerms: "Liability cap raised" }, ["legal_terms"], ["legal"]],
  ])("%s fires %j and needs %j", (_, change, rules, groups) => {
    const evaluation = evaluate(change);
    expect(evaluation.reasons.map((r) => r.key)).toEqual(rules);
    expect(evaluation.groups).toEqual(groups);
  });
});

describe("what fired, and with which value", () => {
  test("each reason names the rule and the value that fired it: the amount in major units, the legal text trimmed", () => {
    const { reasons } = evaluate({ amountCents: 300_000_00, discountPercent: 35, nonStandardTerms: " SLA credits \n" });
    expect(reasons).toEqual([
      { key: "discount_over_15", label: "Discount above 15% off list", value: 35 },
      { key: "discount_over_30", label: "Discount above 30% off list", value: 35 },
      { key: "legal_terms", label: "Non-standard legal terms (MSA/SLA redlines)", value: "SLA credits" },
      { key: "large_deal", label: "Amount of 250,000 or more", value: 300_000 },
    ]);
  });

  test("a rule's version, when it has one, is recorded with its reason", () => {
    const rules: DealDeskRule[] = DEFAULT_RULES.map((r) => (r.key === "payment_terms" ? { ...r, version: 3 } : r));
    expect(evaluateDealDesk(rules, { ...standard, paymentTermsDays: 60 }).reasons).toEqual([
      { key: "payment_terms", label: "Payment terms beyond net 30", version: 3, value: 60 },
    ]);
  });

  test("groups come in a stable order whatever the order of the rules", () => {
    const terms = { ...standard, amountCents: 300_000_00, discountPercent: 20, nonStandardTerms: "Redlines" };
    expect(evaluateDealDesk([...DEFAULT_RULES].reverse(), terms).groups).toEqual(["sales_manager", "finance", "legal", "sales_ops"]);
  });
});

describe("the terms each group's rules read", () => {
  test("a standard deal asks no group and reads nothing", () => {
    expect(evaluate({}).termsRead).toEqual({});
  });

  test("an amount rule reads the currency too, since its threshold is in the deal's currency", () => {
    expect(evaluate({ amountCents: 250_000_00 }).termsRead).toEqual({ finance: ["amount", "currency"], sales_ops: ["amount", "currency"] });
  });

  test("a group asked by several rules reads the terms of each of them, and only of those that fired", () => {
    const evaluation = evaluate({ discountPercent: 35, paymentTermsDays: 60, nonStandardTerms: "SLA" });
    expect(evaluation.termsRead).toEqual({
      sales_manager: ["discount_percent"],
      finance: ["discount_percent", "payment_terms_days"],
      legal: ["legal_terms"],
    });
  });

  test("every term a rule can watch maps to the terms it reads", () => {
    const all = evaluate({ amountCents: 300_000_00, discountPercent: 35, paymentTermsDays: 60, termMonths: 48, nonStandardTerms: "SLA" });
    expect(all.termsRead).toEqual({
      sales_manager: ["discount_percent"],
      finance: ["amount", "currency", "discount_percent", "payment_terms_days", "term_months"],
      legal: ["legal_terms"],
      sales_ops: ["amount", "currency"],
    });
  });
});
