import { describe, expect, test } from "vitest";
import { findTemplate, PROCESS_TEMPLATES, STANDARD_B2B } from "../../../src/domain/process/templates";
import { ProcessDefinition } from "../../../src/domain/process/types";

describe("shipped process templates", () => {
  test.each(PROCESS_TEMPLATES.map((t) => [t.key, t] as const))("%s parses as a process definition", (_, template) => {
    expect(() => ProcessDefinition.parse(template)).not.toThrow();
  });

  test("Standard B2B comes first and findTemplate finds each template by key", () => {
    expect(PROCESS_TEMPLATES.map((t) => t.key)).toEqual(["standard_b2b", "customer_lifecycle", "six_steps"]);
    for (const template of PROCESS_TEMPLATES) expect(findTemplate(template.key)).toBe(template);
    expect(findTemplate("no_such_process")).toBeNull();
  });

  test("every open stage has a definition, goals, buyer doing, seller activities and an exit criterion", () => {
    for (const template of PROCESS_TEMPLATES)
      for (const stage of template.stages.filter((s) => s.kind === "open")) {
        const where = `${template.key}.${stage.key}`;
        expect(stage.definition.trim(), where).not.toBe("");
        expect(stage.goals.length, where).toBeGreaterThan(0);
        expect(stage.buyerDoing.length, where).toBeGreaterThan(0);
        expect(stage.sellerActivities.length, where).toBeGreaterThan(0);
        expect(stage.exitCriteria.length, where).toBeGreaterThan(0);
      }
  });

  test("every customer lifecycle open stage says what done correctly and incorrectly look like", () => {
    const lifecycle = findTemplate("customer_lifecycle");
    for (const stage of lifecycle?.stages.filter((s) => s.kind === "open") ?? []) {
      expect(stage.doneCorrectly, stage.key).not.toBe("");
      expect(stage.doneIncorrectly, stage.key).not.toBe("");
    }
  });
});

describe("Standard B2B", () => {
  test("has the fixed stages in order, with their probabilities", () => {
    expect(STANDARD_B2B.stages.map((s) => [s.key, s.kind, s.probability])).toEqual([
      ["identify", "open", 10],
      ["qualify", "open", 25],
      ["propose", "open", 50],
      ["negotiate", "open", 75],
      ["finalize", "open", 90],
      ["closed_won", "won", 100],
      ["closed_lost", "lost", 0],
    ]);
  });

  test("has the fixed exit criteria, with their types", () => {
    const criteria = Object.fromEntries(STANDARD_B2B.stages.map((s) => [s.key, s.exitCriteria.map((c) => `${c.key}:${c.type}`)]));
    expect(criteria).toEqual({
      identify: ["decision_maker_meeting:check", "buying_process:field", "people_involved:field"],
      qualify: ["champion_named:field", "value_fit_confirmed:check", "budget_confirmed:check", "decision_date_set:field"],
      propose: ["decision_criteria:field", "quote_generated:document", "pricing_presented:check", "close_plan:plan"],
      negotiate: [
        "contract_shared:check",
        "signature_package_ready:check",
        "signature_timeline_validated:check",
        "kickoff_scheduled:check",
        "deal_desk_approval:approval",
      ],
      finalize: ["signed_contract:document", "finance_legal_validated:check"],
      closed_won: [],
      closed_lost: [],
    });
  });
});

describe("ProcessDefinition refinements", () => {
  test("a duplicate criterion key within a stage is rejected", () => {
    const [identify, ...rest] = STANDARD_B2B.stages;
    const duplicated = { ...identify, exitCriteria: [...identify.exitCriteria, identify.exitCriteria[0]] };
    const result = ProcessDefinition.safeParse({ ...STANDARD_B2B, stages: [duplicated, ...rest] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain("duplicate criterion key");
  });

  test("a second won stage is rejected", () => {
    const won = STANDARD_B2B.stages.find((s) => s.kind === "won");
    const stages = [...STANDARD_B2B.stages, { ...won!, key: "closed_won_again" }];
    const result = ProcessDefinition.safeParse({ ...STANDARD_B2B, stages });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain("exactly one won stage is required");
  });
});
