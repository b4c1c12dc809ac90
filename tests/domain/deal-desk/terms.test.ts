import { describe, expect, test } from "vitest";
import { changedTerms, DealTermsSnapshot, type DealTerms } from "@/src/domain/deal-desk/terms";

const terms: DealTerms = {
  amountCents: 120_000_00,
  currency: "USD",
  discountPercent: 20,
  paymentTermsDays: 60,
  termMonths: 24,
  nonStandardTerms: "SLA credits",
};
const snapshot = DealTermsSnapshot.parse(terms);

describe("the terms that changed since an approval's snapshot", () => {
  test("none when the snapshot still covers the deal", () => {
    expect(changedTerms(snapshot, terms)).toEqual([]);
  });

  test.each<[string, Partial<DealTerms>, ReturnType<typeof changedTerms>]>([
    ["the amount, in major units", { amountCents: 120_000_01 }, [{ term: "amount", from: 120_000, to: 120_000.01 }]],
    ["the currency", { currency: "EUR" }, [{ term: "currency", from: "USD", to: "EUR" }]],
    ["the discount", { discountPercent: 35 }, [{ term: "discount_percent", from: 20, to: 35 }]],
    ["the payment terms", { paymentTermsDays: 45 }, [{ term: "payment_terms_days", from: 60, to: 45 }]],
    ["the term length", { termMonths: 36 }, [{ term: "term_months", from: 24, to: 36 }]],
    ["the legal terms", { nonStandardTerms: "SLA credits, uncapped" }, [{ term: "legal_terms", from: "SLA credits", to: "SLA credits, uncapped" }]],
    ["the legal terms, cleared", { nonStandardTerms: "" }, [{ term: "legal_terms", from: "SLA credits", to: "" }]],
  ])("a change of %s makes the snapshot stale", (_, change, expected) => {
    expect(changedTerms(snapshot, { ...terms, ...change })).toEqual(expected);
  });

  test("legal terms are compared trimmed", () => {
    expect(changedTerms(snapshot, { ...terms, nonStandardTerms: "\n SLA credits  " })).toEqual([]);
  });

  test("several changes are listed in the order of the terms", () => {
    const changed = changedTerms(snapshot, { ...terms, nonStandardTerms: "", termMonths: 12, amountCents: 1_00, currency: "GBP" });
    expect(changed.map((c) => c.term)).toEqual(["amount", "currency", "term_months", "legal_terms"]);
  });

  test("a snapshot without a currency reads as unknown, which differs from any currency", () => {
    const { currency: _, ...old } = terms;
    const parsed = DealTermsSnapshot.parse(old);
    expect(parsed.currency).toBeNull();
    expect(changedTerms(parsed, terms)).toEqual([{ term: "currency", from: null, to: "USD" }]);
  });

  test.each([
    { ...terms, currency: 840 },
    { ...terms, termMonths: "24" },
    { ...terms, nonStandardTerms: null },
  ])("a malformed snapshot %j does not parse", (raw) => {
    expect(DealTermsSnapshot.safeParse(raw).success).toBe(false);
  });
});
