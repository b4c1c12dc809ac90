import { describe, expect, test } from "vitest";
import { approvalStatus } from "@/src/domain/deal-desk/approval-status";
import { DEFAULT_RULES, requiredApprovals, type DealTerms } from "@/src/domain/deal-desk/rules";

const terms: DealTerms = { amountCents: 300_000_00, discountPercent: 20, paymentTermsDays: 30, termMonths: 12, nonStandardTerms: "" };
const groups = requiredApprovals(DEFAULT_RULES, terms).groups; // sales_manager (discount), finance + sales_ops (amount)

describe("the default deal desk rules (docs/rules/deal-desk.md)", () => {
  test.each([
    ["a standard deal", {}, []],
    ["15% discount exactly", { discountPercent: 15 }, []],
    ["discount above 15%", { discountPercent: 15.01 }, ["sales_manager"]],
    ["discount above 30%", { discountPercent: 31 }, ["sales_manager", "finance"]],
    ["net 45", { paymentTermsDays: 45 }, ["finance"]],
    ["MSA redlines", { nonStandardTerms: "Liability cap raised" }, ["legal"]],
    ["a 6-month contract", { termMonths: 6 }, ["finance"]],
    ["a 48-month contract", { termMonths: 48 }, ["finance"]],
    ["250,000 exactly", { amountCents: 250_000_00 }, ["finance", "sales_ops"]],
  ])("%s needs %j", (_, change, expected) => {
    const standard: DealTerms = { amountCents: 50_000_00, discountPercent: 0, paymentTermsDays: 30, termMonths: 12, nonStandardTerms: "" };
    expect(requiredApprovals(DEFAULT_RULES, { ...standard, ...change }).groups).toEqual(expected);
  });
});

describe("an approval covers the terms and the groups it was given", () => {
  const approved = { status: "approved" as const, requiredGroups: groups, termsSnapshot: terms };

  test("approved on the same terms by every required group holds", () => {
    expect(approvalStatus(groups, terms, approved)).toBe("approved");
  });

  test.each(["amountCents", "discountPercent", "paymentTermsDays", "termMonths"] as const)("a change of %s makes it stale", (key) => {
    expect(approvalStatus(groups, { ...terms, [key]: terms[key] + 1 }, approved)).toBe("stale");
  });

  test("new legal terms make it stale", () => {
    expect(approvalStatus(groups, { ...terms, nonStandardTerms: "New SLA" }, approved)).toBe("stale");
  });

  test("a rule change that asks a group that was not asked makes it stale", () => {
    expect(approvalStatus([...groups, "legal"], terms, approved)).toBe("stale");
  });

  // Regression: a snapshot missing a field made every read of the deal fail with a 500.
  test.each([{}, null, "terms", { ...terms, nonStandardTerms: undefined }, { ...terms, amountCents: "300000" }])(
    "a malformed snapshot (%j) proves nothing: stale",
    (termsSnapshot) => {
      expect(approvalStatus(groups, terms, { ...approved, termsSnapshot })).toBe("stale");
    },
  );

  test.each([
    [null, "needed"],
    [{ ...approved, status: "pending" as const }, "pending"],
    [{ ...approved, status: "rejected" as const }, "rejected"],
    [{ ...approved, status: "changes_requested" as const }, "needed"],
    [{ ...approved, status: "withdrawn" as const }, "needed"],
  ])("latest request %j gives %s", (latest, status) => {
    expect(approvalStatus(groups, terms, latest)).toBe(status);
  });

  test("a standard deal needs no approval whatever was requested before", () => {
    expect(approvalStatus([], terms, null)).toBe("not_required");
  });
});
