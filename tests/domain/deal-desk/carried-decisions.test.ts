import { describe, expect, test } from "vitest";
import { carriedDecisions, type GroupDecision } from "@/src/domain/deal-desk/carried-decisions";
import { evaluateDealDesk } from "@/src/domain/deal-desk/evaluate-deal-desk";
import { DEFAULT_RULES, type ApproverGroup } from "@/src/domain/deal-desk/rules";
import { changedTerms, DealTermsSnapshot, type DealTerms } from "@/src/domain/deal-desk/terms";

const base: DealTerms = { amountCents: 80_000_00, currency: "USD", discountPercent: 0, paymentTermsDays: 30, termMonths: 12, nonStandardTerms: "" };
const decidedAt = new Date("2027-01-10T09:00:00Z");
const decided = (group: ApproverGroup, decision: GroupDecision["decision"] = "approve"): GroupDecision => ({
  group,
  decision,
  deciderId: `${group}-user`,
  comment: decision === "approve" ? "" : "Not like this",
  decidedAt,
});

/** Resubmission after `before` was decided and the deal changed to `after`: the groups whose approval carries. */
function carried(before: Partial<DealTerms>, after: Partial<DealTerms>, decisions: GroupDecision[]) {
  const snapshot = DealTermsSnapshot.parse({ ...base, ...before });
  const terms = { ...base, ...after };
  const result = carriedDecisions({ requestId: "req-1", decisions }, evaluateDealDesk(DEFAULT_RULES, terms), changedTerms(snapshot, terms));
  return result.map((d) => d.group);
}

describe("smart re-approval: which approvals a resubmitted request keeps", () => {
  test("finance's approval of net 60 survives a change of the legal terms; legal decides again", () => {
    const deal = { paymentTermsDays: 60, nonStandardTerms: "SLA credits" };
    expect(carried(deal, { ...deal, nonStandardTerms: "SLA credits, uncapped" }, [decided("finance"), decided("legal")])).toEqual(["finance"]);
  });

  test("a discount cut from 35% to 20% drops finance's need, and the manager, whose rule reads the discount, decides again", () => {
    expect(carried({ discountPercent: 35 }, { discountPercent: 20 }, [decided("sales_manager"), decided("finance")])).toEqual([]);
  });

  test("finance keeps its approval when the discount it no longer rules on changes, if its remaining rule reads none of the changes", () => {
    const before = { discountPercent: 35, paymentTermsDays: 60 };
    expect(carried(before, { ...before, discountPercent: 20 }, [decided("sales_manager"), decided("finance")])).toEqual(["finance"]);
  });

  test("a new currency asks the amount rule's groups again and keeps legal's approval", () => {
    const deal = { amountCents: 300_000_00, nonStandardTerms: "MSA redlines" };
    expect(carried(deal, { ...deal, currency: "EUR" }, [decided("finance"), decided("legal"), decided("sales_ops")])).toEqual(["legal"]);
  });

  test("a change of amount asks finance and sales operations again", () => {
    const deal = { amountCents: 300_000_00, paymentTermsDays: 45 };
    expect(carried(deal, { ...deal, amountCents: 280_000_00 }, [decided("finance"), decided("sales_ops")])).toEqual([]);
  });

  test("rejections and change requests never carry, even when nothing they read changed", () => {
    const deal = { discountPercent: 20, paymentTermsDays: 60, nonStandardTerms: "SLA" };
    const decisions = [decided("sales_manager", "reject"), decided("finance", "request_changes"), decided("legal")];
    expect(carried(deal, { ...deal, nonStandardTerms: "SLA, revised" }, decisions)).toEqual([]);
    expect(carried(deal, { ...deal, termMonths: 24 }, decisions)).toEqual(["legal"]);
  });

  test("a group no longer required is dropped, approval or not", () => {
    const before = { paymentTermsDays: 60, nonStandardTerms: "SLA" };
    expect(carried(before, { ...before, nonStandardTerms: "" }, [decided("finance"), decided("legal")])).toEqual(["finance"]);
  });

  test("a group asked anew has nothing to carry; one asked by a new rule on a changed term decides again", () => {
    expect(carried({ paymentTermsDays: 60 }, { paymentTermsDays: 60, termMonths: 48 }, [decided("finance")])).toEqual([]);
    expect(carried({ paymentTermsDays: 60 }, { paymentTermsDays: 60, nonStandardTerms: "SLA" }, [decided("finance")])).toEqual(["finance"]);
  });

  test("resubmitted with no change, every approval of a required group carries", () => {
    const deal = { discountPercent: 20, nonStandardTerms: "SLA" };
    expect(carried(deal, deal, [decided("sales_manager"), decided("legal", "request_changes")])).toEqual(["sales_manager"]);
  });

  test("a carried approval keeps its decider, comment and time, marked with the request it came from", () => {
    const terms = { ...base, paymentTermsDays: 60 };
    const result = carriedDecisions({ requestId: "req-1", decisions: [decided("finance")] }, evaluateDealDesk(DEFAULT_RULES, terms), []);
    expect(result).toEqual([{ group: "finance", decision: "approve", deciderId: "finance-user", comment: "", decidedAt, carriedFrom: "req-1" }]);
  });

  test("an approval carried twice still names the request it was made on", () => {
    const terms = { ...base, paymentTermsDays: 60 };
    const previous = { requestId: "req-2", decisions: [{ ...decided("finance"), carriedFrom: "req-1" }] };
    expect(carriedDecisions(previous, evaluateDealDesk(DEFAULT_RULES, terms), [])[0]?.carriedFrom).toBe("req-1");
  });
});
