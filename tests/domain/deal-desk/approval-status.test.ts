import { describe, expect, test } from "vitest";
import { approvalStatus, type LatestRequest } from "@/src/domain/deal-desk/approval-status";
import { evaluateDealDesk } from "@/src/domain/deal-desk/evaluate-deal-desk";
import { DEFAULT_RULES } from "@/src/domain/deal-desk/rules";
import type { DealTerms } from "@/src/domain/deal-desk/terms";

const terms: DealTerms = {
  amountCents: 300_000_00,
  currency: "USD",
  discountPercent: 20,
  paymentTermsDays: 30,
  termMonths: 12,
  nonStandardTerms: "",
};
const groups = evaluateDealDesk(DEFAULT_RULES, terms).groups; // sales_manager (discount), finance + sales_ops (amount)
const status = (...args: Parameters<typeof approvalStatus>) => approvalStatus(...args).status;

describe("an approval covers the terms and the groups it was given", () => {
  const approved = { status: "approved" as const, requiredGroups: groups, termsSnapshot: terms };

  test("approved on the same terms by every required group holds, with no changed terms", () => {
    expect(approvalStatus(groups, terms, approved)).toEqual({ status: "approved", changedTerms: [] });
  });

  test.each(["amountCents", "discountPercent", "paymentTermsDays", "termMonths"] as const)("a change of %s makes it stale", (key) => {
    expect(status(groups, { ...terms, [key]: terms[key] + 1 }, approved)).toBe("stale");
  });

  test("new legal terms make it stale, and say what changed from what to what", () => {
    expect(approvalStatus(groups, { ...terms, nonStandardTerms: "New SLA" }, approved)).toEqual({
      status: "stale",
      changedTerms: [{ term: "legal_terms", from: "", to: "New SLA" }],
    });
  });

  test("another currency makes it stale", () => {
    expect(approvalStatus(groups, { ...terms, currency: "EUR" }, approved).changedTerms).toEqual([{ term: "currency", from: "USD", to: "EUR" }]);
  });

  test("whitespace around the legal terms changes nothing", () => {
    expect(status(groups, { ...terms, nonStandardTerms: "  \n" }, approved)).toBe("approved");
  });

  test("a rule change that asks a group that was not asked makes it stale, with no term changed", () => {
    expect(approvalStatus([...groups, "legal"], terms, approved)).toEqual({ status: "stale", changedTerms: [] });
  });

  test("a snapshot taken before currencies were recorded no longer covers the deal", () => {
    const { currency: _, ...withoutCurrency } = terms;
    expect(approvalStatus(groups, terms, { ...approved, termsSnapshot: withoutCurrency })).toEqual({
      status: "stale",
      changedTerms: [{ term: "currency", from: null, to: "USD" }],
    });
  });

  // Regression: a snapshot missing a field made every read of the deal fail with a 500.
  test.each([{}, null, "terms", { ...terms, nonStandardTerms: undefined }, { ...terms, amountCents: "300000" }, { ...terms, currency: 840 }])(
    "a malformed snapshot (%j) proves nothing: stale, every term changed from unknown",
    (termsSnapshot) => {
      const standing = approvalStatus(groups, terms, { ...approved, termsSnapshot });
      expect(standing.status).toBe("stale");
      expect(standing.changedTerms.map((c) => [c.term, c.from])).toEqual([
        ["amount", null],
        ["currency", null],
        ["discount_percent", null],
        ["payment_terms_days", null],
        ["term_months", null],
        ["legal_terms", null],
      ]);
    },
  );

  test.each<[LatestRequest, string]>([
    [null, "needed"],
    [{ ...approved, status: "pending" }, "pending"],
    [{ ...approved, status: "rejected" }, "rejected"],
    [{ ...approved, status: "changes_requested" }, "changes_requested"],
    [{ ...approved, status: "withdrawn" }, "needed"],
    [{ ...approved, status: "stale" }, "stale"],
  ])("latest request %j gives %s", (latest, expected) => {
    expect(status(groups, terms, latest)).toBe(expected);
  });

  test("a request stored as stale stays stale even once the terms are back to its snapshot", () => {
    expect(approvalStatus(groups, terms, { ...approved, status: "stale" })).toEqual({ status: "stale", changedTerms: [] });
  });

  test("a standard deal needs no approval whatever was requested before", () => {
    expect(status([], terms, null)).toBe("not_required");
  });

  test("a change that makes the deal standard again ends the need, even for a stale or rejected request", () => {
    const standard = { ...terms, amountCents: 50_000_00, discountPercent: 10 };
    const again = evaluateDealDesk(DEFAULT_RULES, standard).groups;
    expect(again).toEqual([]);
    for (const s of ["approved", "pending", "rejected", "stale"] as const)
      expect(approvalStatus(again, standard, { ...approved, status: s })).toEqual({ status: "not_required", changedTerms: [] });
  });
});
