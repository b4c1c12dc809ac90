// Whether one exit criterion holds for a deal (docs/rules/exit-criteria.md, the table of criterion types).
import { describe, expect, test } from "vitest";
import { APPROVAL_STATUSES, type DealFacts } from "@/src/domain/criteria/deal-facts";
import { isSatisfied } from "@/src/domain/criteria/is-satisfied";
import type { CriterionField, ExitCriterion, FieldCondition } from "@/src/domain/process/types";
import { completePlan, facts } from "../support";

const field = (f: CriterionField, condition: FieldCondition): ExitCriterion => ({
  key: "k",
  label: "A field criterion",
  type: "field",
  field: f,
  condition,
});
const holds = (criterion: ExitCriterion, overrides: Partial<DealFacts>, stageKey = "qualify") => isSatisfied(criterion, stageKey, facts(overrides));

describe("field: gt", () => {
  test("amount gt compares the amount in major units, strictly", () => {
    const over5000 = field("amount", { op: "gt", value: 5000 });
    expect(holds(over5000, { amountCents: 500_001 })).toBe(true);
    expect(holds(over5000, { amountCents: 500_000 })).toBe(false);
    expect(holds(over5000, { amountCents: 499_999 })).toBe(false);
  });

  test("amount gt 0 is unmet on a zero amount and met on one cent", () => {
    const positive = field("amount", { op: "gt", value: 0 });
    expect(holds(positive, { amountCents: 0 })).toBe(false);
    expect(holds(positive, { amountCents: 1 })).toBe(true);
  });

  test("gt is unmet on a null number and on a text field", () => {
    expect(holds(field("years", { op: "gt", value: 0 }), { years: null })).toBe(false);
    expect(holds(field("users", { op: "gt", value: 10 }), { users: 11 })).toBe(true);
    expect(holds(field("nextStep", { op: "gt", value: 0 }), { nextStep: "5" })).toBe(false);
  });
});

describe("field: equals", () => {
  test("equals holds on the same value and type only", () => {
    expect(holds(field("years", { op: "equals", value: 2 }), { years: 2 })).toBe(true);
    expect(holds(field("years", { op: "equals", value: 2 }), { years: 3 })).toBe(false);
    expect(holds(field("years", { op: "equals", value: "2" }), { years: 2 })).toBe(false);
    expect(holds(field("years", { op: "equals", value: 2 }), { years: null })).toBe(false);
  });

  test("equals on amount compares major units", () => {
    expect(holds(field("amount", { op: "equals", value: 1234.5 }), { amountCents: 123_450 })).toBe(true);
    expect(holds(field("amount", { op: "equals", value: 123_450 }), { amountCents: 123_450 })).toBe(false);
  });

  test("equals on text and date fields compares the exact string", () => {
    expect(holds(field("closeDate", { op: "equals", value: "2022-03-24" }), { closeDate: "2022-03-24" })).toBe(true);
    expect(holds(field("closeDate", { op: "equals", value: "2022-03-25" }), { closeDate: "2022-03-24" })).toBe(false);
    expect(holds(field("buyingProcess", { op: "equals", value: "RFP" }), { buyingProcess: "RFP" })).toBe(true);
    expect(holds(field("buyingProcess", { op: "equals", value: "RFP" }), { buyingProcess: "rfp" })).toBe(false);
  });
});

describe("field: is_set", () => {
  test.each(["years", "users"] as const)("is_set on %s is unmet when null and met on any number, zero included", (f) => {
    expect(holds(field(f, { op: "is_set" }), { [f]: null })).toBe(false);
    expect(holds(field(f, { op: "is_set" }), { [f]: 0 })).toBe(true);
    expect(holds(field(f, { op: "is_set" }), { [f]: 12 })).toBe(true);
  });

  test("is_set on the next step's due date is unmet when null and met on a date", () => {
    expect(holds(field("nextStepDue", { op: "is_set" }), { nextStepDue: null })).toBe(false);
    expect(holds(field("nextStepDue", { op: "is_set" }), { nextStepDue: "2022-03-01" })).toBe(true);
  });

  test.each(["nextStep", "buyingProcess", "decisionCriteria", "whyWon"] as const)(
    "is_set on %s is unmet on empty or whitespace text and met on text",
    (f) => {
      for (const blank of ["", " ", "\n\t "]) expect(holds(field(f, { op: "is_set" }), { [f]: blank }), JSON.stringify(blank)).toBe(false);
      expect(holds(field(f, { op: "is_set" }), { [f]: "written" })).toBe(true);
    },
  );

  test("is_set on the close date holds when a date is recorded", () => {
    expect(holds(field("closeDate", { op: "is_set" }), { closeDate: "2022-03-24" })).toBe(true);
    expect(holds(field("closeDate", { op: "is_set" }), { closeDate: "" })).toBe(false);
  });
});

describe("field: contacts", () => {
  test("has_contact_role holds when one contact has the role", () => {
    const champion = field("contacts", { op: "has_contact_role", role: "champion" });
    expect(holds(champion, { contactRoles: [] })).toBe(false);
    expect(holds(champion, { contactRoles: ["decision_maker", "influencer"] })).toBe(false);
    expect(holds(champion, { contactRoles: ["decision_maker", "champion"] })).toBe(true);
  });

  test("has_contact_role on a field other than contacts never holds", () => {
    expect(holds(field("buyingProcess", { op: "has_contact_role", role: "champion" }), { buyingProcess: "x", contactRoles: ["champion"] })).toBe(
      false,
    );
  });

  test("contacts is_set holds when there is at least one contact", () => {
    expect(holds(field("contacts", { op: "is_set" }), { contactRoles: [] })).toBe(false);
    expect(holds(field("contacts", { op: "is_set" }), { contactRoles: ["user"] })).toBe(true);
  });

  test("contacts compared with gt or equals never holds", () => {
    expect(holds(field("contacts", { op: "gt", value: 0 }), { contactRoles: ["user", "legal"] })).toBe(false);
    expect(holds(field("contacts", { op: "equals", value: "user" }), { contactRoles: ["user"] })).toBe(false);
  });
});

describe("the other criterion types", () => {
  test("check holds only when attested under this stage's key", () => {
    const check: ExitCriterion = { key: "budget_confirmed", label: "Budget confirmed", type: "check" };
    expect(holds(check, { attested: new Set(["qualify:budget_confirmed"]) }, "qualify")).toBe(true);
    expect(holds(check, { attested: new Set(["qualify:budget_confirmed"]) }, "propose")).toBe(false);
    expect(holds(check, { attested: new Set(["budget_confirmed"]) }, "qualify")).toBe(false);
  });

  test("document holds when a file of that kind is attached; a signed contract must follow the convention", () => {
    const quote: ExitCriterion = { key: "q", label: "Quote", type: "document", documentKind: "quote" };
    const contract: ExitCriterion = { key: "c", label: "Contract", type: "document", documentKind: "signed_contract" };
    expect(holds(quote, { files: [{ kind: "quote", storedName: "anything.xlsx" }] })).toBe(true);
    expect(holds(quote, { files: [{ kind: "other", storedName: "quote.pdf" }] })).toBe(false);
    expect(holds(contract, { files: [{ kind: "signed_contract", storedName: "contract.pdf" }] })).toBe(false);
    expect(holds(contract, { files: [{ kind: "signed_contract", storedName: "3.24.22_Envoy_1.pdf" }] })).toBe(true);
  });

  test.each(APPROVAL_STATUSES.map((s) => [s, s === "not_required" || s === "approved"] as const))(
    "approval with status %s holds: %s",
    (approvalStatus, expected) => {
      expect(holds({ key: "a", label: "Deal desk", type: "approval" }, { approvalStatus })).toBe(expected);
    },
  );

  test("plan holds with at least minSteps steps that each have an owner and a due date", () => {
    const plan: ExitCriterion = { key: "p", label: "Plan", type: "plan", minSteps: 3 };
    const [a, b, c] = completePlan();
    expect(holds(plan, { planSteps: [a!, b!, c!] })).toBe(true);
    expect(holds(plan, { planSteps: [a!, b!] })).toBe(false);
    expect(holds(plan, { planSteps: [a!, b!, { ...c!, ownerUserId: null, ownerName: "" }] })).toBe(false);
    expect(holds(plan, { planSteps: [a!, b!, { ...c!, dueDate: null }] })).toBe(false);
  });
});
