// Each rule that refuses to publish a draft (docs/rules/sales-process.md#validation), one case each,
// with the path the editor shows the problem at.
import { describe, expect, test } from "vitest";
import { type DraftDefinition, draftProblems, fromProcessDefinition, toProcessDefinition } from "@/src/domain/process/draft";
import { PROCESS_TEMPLATES, STANDARD_B2B } from "@/src/domain/process/templates";

const draft = (): DraftDefinition => structuredClone(fromProcessDefinition(STANDARD_B2B));
const problemsOf = (mutate: (d: DraftDefinition) => void) => {
  const d = draft();
  mutate(d);
  return draftProblems(d);
};

describe("a draft that can be published", () => {
  test.each(PROCESS_TEMPLATES.map((t) => [t.key, t] as const))("the %s template has no problem and publishes as itself", (_, template) => {
    const d = fromProcessDefinition(template);
    expect(draftProblems(d)).toEqual([]);
    const made = toProcessDefinition(template.key, d);
    expect(made).toEqual({ ok: true, definition: { ...template, stages: template.stages.map((s) => ({ ...s, questions: s.questions ?? [] })) } });
  });

  test("qualification questions are published with their stage", () => {
    const d = draft();
    d.stages[1]!.questions = [
      { key: "compelling_event", label: "What is the compelling event?", answer: "text" },
      { key: "budget_allocated", label: "Is budget allocated?", answer: "yes_no" },
    ];
    const made = toProcessDefinition("standard_b2b", d);
    expect(made.ok && made.definition.stages[1]!.questions).toEqual(d.stages[1]!.questions);
  });

  test("a field criterion keeps only its field and condition", () => {
    const d = draft();
    d.stages[0]!.exitCriteria = [
      { key: "big", label: "Big", type: "field", field: "amount", condition: { op: "gt", value: 1000, role: "champion" }, minSteps: 3 },
    ];
    const made = toProcessDefinition("standard_b2b", d);
    expect(made.ok && made.definition.stages[0]!.exitCriteria).toEqual([
      { key: "big", label: "Big", type: "field", field: "amount", condition: { op: "gt", value: 1000 } },
    ]);
  });
});

describe("each refusal, at its path", () => {
  test.each<[string, (d: DraftDefinition) => void, { field: string; message: RegExp }]>([
    ["no name", (d) => (d.name = "  "), { field: "name", message: /name/ }],
    ["no open stage", (d) => (d.stages = d.stages.filter((s) => s.kind !== "open")), { field: "stages", message: /at least one open stage/ }],
    ["no won stage", (d) => (d.stages = d.stages.filter((s) => s.kind !== "won")), { field: "stages", message: /exactly one won stage.*0/ }],
    ["two won stages", (d) => d.stages.push({ ...d.stages[5]!, key: "won_again" }), { field: "stages", message: /exactly one won stage.*2/ }],
    ["no lost stage", (d) => (d.stages = d.stages.filter((s) => s.kind !== "lost")), { field: "stages", message: /exactly one lost stage/ }],
    ["two lost stages", (d) => d.stages.push({ ...d.stages[6]!, key: "lost_again" }), { field: "stages", message: /exactly one lost stage.*2/ }],
    ["a closed first stage", (d) => d.stages.unshift(d.stages.pop()!), { field: "stages.0.kind", message: /first stage must be open/ }],
    ["a duplicate stage key", (d) => (d.stages[2]!.key = d.stages[0]!.key), { field: "stages.2.key", message: /another stage has the key identify/ }],
    ["a stage key that is not lower snake case", (d) => (d.stages[1]!.key = "Qualify Now"), { field: "stages.1.key", message: /lower_snake_case/ }],
    ["a stage without a name", (d) => (d.stages[1]!.name = ""), { field: "stages.1.name", message: /name/ }],
    ["a probability over 100", (d) => (d.stages[2]!.probability = 150), { field: "stages.2.probability", message: /0 to 100/ }],
    ["a negative probability", (d) => (d.stages[2]!.probability = -1), { field: "stages.2.probability", message: /0 to 100/ }],
    ["a fractional probability", (d) => (d.stages[2]!.probability = 12.5), { field: "stages.2.probability", message: /whole number/ }],
    ["a stage without a definition", (d) => (d.stages[0]!.definition = " "), { field: "stages.0.definition", message: /what the stage is for/ }],
    ["an empty goal", (d) => d.stages[0]!.goals.push(""), { field: "stages.0.goals.3", message: /empty line/ }],
    ["a stall limit of 0 days", (d) => (d.stages[0]!.stallDays = 0), { field: "stages.0.stallDays", message: /from 1 to 3650/ }],
    ["a stall limit over ten years", (d) => (d.stages[0]!.stallDays = 3651), { field: "stages.0.stallDays", message: /from 1 to 3650/ }],
    [
      "a duplicate criterion key",
      (d) => d.stages[1]!.exitCriteria.push({ ...d.stages[1]!.exitCriteria[0]! }),
      { field: "stages.1.exitCriteria.4.key", message: /another criterion/ },
    ],
    [
      "a criterion key that is not lower snake case",
      (d) => (d.stages[0]!.exitCriteria[0]!.key = "9lives"),
      { field: "stages.0.exitCriteria.0.key", message: /lower_snake_case/ },
    ],
    ["a criterion without a label", (d) => (d.stages[0]!.exitCriteria[0]!.label = ""), { field: "stages.0.exitCriteria.0.label", message: /label/ }],
    [
      "a field criterion on a field the engine does not know",
      (d) => d.stages[0]!.exitCriteria.push({ key: "mood", label: "Mood", type: "field", field: "mood", condition: { op: "is_set" } }),
      { field: "stages.0.exitCriteria.3.field", message: /one of amount/ },
    ],
    [
      "a field criterion without a condition",
      (d) => d.stages[0]!.exitCriteria.push({ key: "amount_set", label: "Amount", type: "field", field: "amount" }),
      { field: "stages.0.exitCriteria.3.condition", message: /choose a condition/ },
    ],
    [
      "a condition the engine does not support on the field",
      (d) => d.stages[0]!.exitCriteria.push({ key: "long", label: "Long", type: "field", field: "nextStep", condition: { op: "gt", value: 3 } }),
      { field: "stages.0.exitCriteria.3.condition.op", message: /on nextStep, one of is_set, equals/ },
    ],
    [
      "an unknown condition",
      (d) => d.stages[0]!.exitCriteria.push({ key: "near", label: "Near", type: "field", field: "amount", condition: { op: "about" } }),
      { field: "stages.0.exitCriteria.3.condition.op", message: /one of is_set, gt, equals/ },
    ],
    [
      "a contact role condition on another field than contacts",
      (d) =>
        d.stages[0]!.exitCriteria.push({
          key: "cr",
          label: "CR",
          type: "field",
          field: "amount",
          condition: { op: "has_contact_role", role: "champion" },
        }),
      { field: "stages.0.exitCriteria.3.condition.op", message: /on amount/ },
    ],
    [
      "an unknown contact role",
      (d) =>
        d.stages[0]!.exitCriteria.push({
          key: "cr",
          label: "CR",
          type: "field",
          field: "contacts",
          condition: { op: "has_contact_role", role: "friend" },
        }),
      { field: "stages.0.exitCriteria.3.condition.role", message: /one of decision_maker/ },
    ],
    [
      "a greater-than without a number",
      (d) => d.stages[0]!.exitCriteria.push({ key: "big", label: "Big", type: "field", field: "amount", condition: { op: "gt", value: "lots" } }),
      { field: "stages.0.exitCriteria.3.condition.value", message: /a number/ },
    ],
    [
      "an equals on a number field without a number",
      (d) => d.stages[0]!.exitCriteria.push({ key: "ten", label: "Ten", type: "field", field: "users", condition: { op: "equals", value: "10" } }),
      { field: "stages.0.exitCriteria.3.condition.value", message: /a number/ },
    ],
    [
      "an equals on a date field without a date",
      (d) =>
        d.stages[0]!.exitCriteria.push({ key: "eoy", label: "EOY", type: "field", field: "closeDate", condition: { op: "equals", value: "soon" } }),
      { field: "stages.0.exitCriteria.3.condition.value", message: /YYYY-MM-DD/ },
    ],
    [
      "an equals on a text field without text",
      (d) => d.stages[0]!.exitCriteria.push({ key: "why", label: "Why", type: "field", field: "whyWon", condition: { op: "equals" } }),
      { field: "stages.0.exitCriteria.3.condition.value", message: /text to match/ },
    ],
    [
      "a document criterion of an unknown kind",
      (d) => d.stages[0]!.exitCriteria.push({ key: "doc", label: "Doc", type: "document", documentKind: "napkin" }),
      { field: "stages.0.exitCriteria.3.documentKind", message: /one of signed_contract/ },
    ],
    [
      "a plan criterion without a minimum of steps",
      (d) => d.stages[0]!.exitCriteria.push({ key: "plan", label: "Plan", type: "plan" }),
      { field: "stages.0.exitCriteria.3.minSteps", message: /1 to 50/ },
    ],
    [
      "a plan criterion of 51 steps",
      (d) => d.stages[0]!.exitCriteria.push({ key: "plan", label: "Plan", type: "plan", minSteps: 51 }),
      { field: "stages.0.exitCriteria.3.minSteps", message: /1 to 50/ },
    ],
    [
      "a question key used twice in the process",
      (d) => {
        d.stages[0]!.questions = [{ key: "budget", label: "Budget?", answer: "yes_no" }];
        d.stages[1]!.questions = [{ key: "budget", label: "Budget again?", answer: "yes_no" }];
      },
      { field: "stages.1.questions.0.key", message: /another question of the process has the key budget/ },
    ],
    [
      "a question key that is not lower snake case",
      (d) => (d.stages[1]!.questions = [{ key: "Budget?", label: "Budget?", answer: "yes_no" }]),
      { field: "stages.1.questions.0.key", message: /lower_snake_case/ },
    ],
    [
      "a question without a label",
      (d) => (d.stages[1]!.questions = [{ key: "budget", label: " ", answer: "yes_no" }]),
      { field: "stages.1.questions.0.label", message: /label/ },
    ],
    [
      "a question with an unknown answer kind",
      (d) => (d.stages[1]!.questions = [{ key: "budget", label: "Budget?", answer: "essay" }]),
      { field: "stages.1.questions.0.answer", message: /one of text, yes_no, number, date/ },
    ],
  ])("%s", (_, mutate, expected) => {
    const problems = problemsOf(mutate);
    expect(problems).toContainEqual({ field: expected.field, message: expect.stringMatching(expected.message) });
    const d = draft();
    mutate(d);
    expect(toProcessDefinition("standard_b2b", d)).toEqual({ ok: false, problems });
  });

  test("every problem is listed at once, in the order of the definition", () => {
    const problems = problemsOf((d) => {
      d.name = "";
      d.stages[0]!.probability = 101;
      d.stages[3]!.key = "Bad";
    });
    expect(problems.map((p) => p.field)).toEqual(["name", "stages.0.probability", "stages.3.key"]);
  });
});
