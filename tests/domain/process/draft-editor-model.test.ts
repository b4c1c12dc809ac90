// The draft editor's pure steps (app/admin/processes/[key]/draft/editor-model.ts): keys made from
// names, reordering, a criterion's form to the draft's criterion and back for every type, where a
// problem's path is shown, and what the editor sends being exactly the draft it loaded.
import { describe, expect, test } from "vitest";
import {
  controlPathOf,
  criterionForm,
  criterionFromForm,
  type DraftCriterion,
  describeProblemPath,
  type EditorCatalog,
  fromEditor,
  keyFromName,
  moveItem,
  newCriterion,
  newStage,
  newStageIndex,
  otherQuestionKeys,
  problemCountByStage,
  rename,
  sameDefinition,
  stageOf,
  toEditor,
  withField,
  withKey,
  withType,
} from "@/app/admin/processes/[key]/draft/editor-model";
import { draftProblems, fromProcessDefinition } from "@/src/domain/process/draft";
import { STANDARD_B2B } from "@/src/domain/process/templates/standard-b2b";
import { editorCatalog } from "@/src/server/process/manage-processes";

const catalog: EditorCatalog = editorCatalog();

describe("keyFromName", () => {
  test.each([
    ["Security review", "security_review"],
    ["  Deliver / Finalize ", "deliver_finalize"],
    ["Négociation & clôture", "negociation_cloture"],
    ["3 calls made", "k_3_calls_made"],
    ["Is there a compelling event?", "is_there_a_compelling_event"],
    ["???", ""],
    ["", ""],
  ])("%j → %j", (name, key) => {
    expect(keyFromName(name)).toBe(key);
  });

  test("a key already taken gets _2, _3…", () => {
    expect(keyFromName("Qualify", ["qualify"])).toBe("qualify_2");
    expect(keyFromName("Qualify", ["qualify", "qualify_2"])).toBe("qualify_3");
  });

  test("at most 64 characters, a valid key even when suffixed", () => {
    const long = "word ".repeat(40);
    const key = keyFromName(long);
    expect(key.length).toBeLessThanOrEqual(64);
    expect(key).toMatch(/^[a-z][a-z0-9_]*[a-z0-9]$/);
    const again = keyFromName(long, [key]);
    expect(again.length).toBeLessThanOrEqual(64);
    expect(again.endsWith("_2")).toBe(true);
  });
});

describe("moveItem", () => {
  test.each([
    [0, 2, ["b", "c", "a", "d"]],
    [3, 1, ["a", "d", "b", "c"]],
    [1, 1, ["a", "b", "c", "d"]],
    [0, -1, ["a", "b", "c", "d"]],
    [2, 9, ["a", "b", "d", "c"]],
    [7, 0, ["a", "b", "c", "d"]],
  ])("from %i to %i", (from, to, expected) => {
    const list = ["a", "b", "c", "d"];
    expect(moveItem(list, from, to)).toEqual(expected);
    expect(list).toEqual(["a", "b", "c", "d"]);
  });
});

describe("stages", () => {
  test("a new stage goes after the selected open stage, otherwise before the closed stages", () => {
    const stages = [{ kind: "open" }, { kind: "open" }, { kind: "won" }, { kind: "lost" }];
    expect(newStageIndex(stages, 0)).toBe(1);
    expect(newStageIndex(stages, 3)).toBe(2);
    expect(newStageIndex(stages, null)).toBe(2);
    expect(newStageIndex([], null)).toBe(0);
  });

  test("a new stage's key follows its name until a key is typed", () => {
    let stage = newStage("", ["qualify"]);
    expect(stage.key).toBe("");
    stage = rename(stage, "Qualify", ["qualify"], "name");
    expect(stage).toMatchObject({ name: "Qualify", key: "qualify_2" });
    stage = withKey(stage, "qualification");
    stage = rename(stage, "Qualification call", [], "name");
    expect(stage).toMatchObject({ name: "Qualification call", key: "qualification", _autoKey: false });
  });

  test("a loaded stage keeps its key when renamed", () => {
    const [identify] = toEditor(fromProcessDefinition(STANDARD_B2B)).stages;
    expect(rename(identify!, "Discover", [], "name")).toMatchObject({ name: "Discover", key: "identify" });
  });
});

describe("what the editor sends", () => {
  test("a loaded draft, sent back unchanged, is the same definition (without the editor's own fields)", () => {
    const draft = fromProcessDefinition(STANDARD_B2B);
    const sent = fromEditor(toEditor(draft));
    expect(sent).toEqual(draft);
    expect(JSON.stringify(sent)).not.toContain("_id");
    expect(sameDefinition(sent, draft)).toBe(true);
  });

  test("sameDefinition ignores the order of keys, not the order of stages", () => {
    const draft = fromProcessDefinition(STANDARD_B2B);
    // As the server answers it: the same values, each object's keys in another order.
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const reordered = reversed(draft) as typeof draft;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(draft));
    expect(sameDefinition(reordered, draft)).toBe(true);
    expect(sameDefinition({ ...draft, stages: moveItem(draft.stages, 0, 1) }, draft)).toBe(false);
  });

  test("questions' keys are unique in the whole process: the other keys are every stage's", () => {
    const editor = toEditor(fromProcessDefinition(STANDARD_B2B));
    editor.stages[0]!.questions = [{ _id: "q1", _autoKey: false, key: "budget", label: "Budget?", answer: "yes_no" }];
    editor.stages[1]!.questions = [{ _id: "q2", _autoKey: true, key: "", label: "", answer: "text" }];
    expect(otherQuestionKeys(editor.stages, 1, 0)).toEqual(["budget"]);
    expect(otherQuestionKeys(editor.stages, 0, 0)).toEqual([""]);
  });
});

describe("a criterion's form and the draft's criterion", () => {
  const kinds = (field: string) => catalog.criterionFields.find((f) => f.field === field)?.valueKind;
  const roundTrip = (c: DraftCriterion) => criterionFromForm(criterionForm(c), kinds(c.field ?? ""));

  test.each<DraftCriterion>([
    { key: "met", label: "Met the buyer", type: "check" },
    { key: "desk", label: "Deal desk approval", type: "approval" },
    { key: "quote", label: "Quote attached", type: "document", documentKind: "quote" },
    { key: "plan", label: "Close plan", type: "plan", minSteps: 3 },
    { key: "amount", label: "Amount", type: "field", field: "amount", condition: { op: "gt", value: 0 } },
    { key: "years", label: "Three years", type: "field", field: "years", condition: { op: "equals", value: 3 } },
    { key: "close", label: "Close date", type: "field", field: "closeDate", condition: { op: "equals", value: "2027-03-31" } },
    { key: "next", label: "Next step", type: "field", field: "nextStep", condition: { op: "equals", value: "Demo" } },
    { key: "buying", label: "Buying process", type: "field", field: "buyingProcess", condition: { op: "is_set" } },
    { key: "champion", label: "Champion", type: "field", field: "contacts", condition: { op: "has_contact_role", role: "champion" } },
  ])("$type $key: back as it was, and without problems", (c) => {
    expect(roundTrip(c)).toEqual(c);
    const stage = { ...fromProcessDefinition(STANDARD_B2B).stages[0]!, exitCriteria: [c] };
    expect(draftProblems({ name: "P", description: "", stages: [stage, ...fromProcessDefinition(STANDARD_B2B).stages.slice(5)] })).toEqual([]);
  });

  test("a number field's value is sent as a number; text that is not one is kept for the validation to refuse", () => {
    const form = criterionForm({ key: "a", label: "A", type: "field", field: "amount", condition: { op: "gt" } });
    expect(criterionFromForm({ ...form, value: "1500" }, "number").condition).toEqual({ op: "gt", value: 1500 });
    expect(criterionFromForm({ ...form, value: "lots" }, "number").condition).toEqual({ op: "gt", value: "lots" });
    expect(criterionFromForm({ ...form, value: " " }, "number").condition).toEqual({ op: "gt" });
    expect(criterionFromForm({ ...form, field: "nextStep", op: "equals", value: "42" }, "text").condition).toEqual({ op: "equals", value: "42" });
  });

  test("only the settings of the criterion's type are sent", () => {
    const form = {
      ...criterionForm({ key: "k", label: "L", type: "check" }),
      field: "amount",
      op: "gt",
      value: "3",
      documentKind: "quote",
      minSteps: "4",
    };
    expect(criterionFromForm(form, "number")).toEqual({ key: "k", label: "L", type: "check" });
    expect(criterionFromForm({ ...form, type: "document" }, "number")).toEqual({ key: "k", label: "L", type: "document", documentKind: "quote" });
    expect(criterionFromForm({ ...form, type: "plan" }, "number")).toEqual({ key: "k", label: "L", type: "plan", minSteps: 4 });
    expect(criterionFromForm({ ...form, type: "plan", minSteps: "" }, "number")).toEqual({ key: "k", label: "L", type: "plan" });
  });

  test("another field keeps the condition it supports, and otherwise starts at the first it does", () => {
    const form = criterionForm({ key: "a", label: "A", type: "field", field: "amount", condition: { op: "gt", value: 5 } });
    expect(withField(form, "users", catalog)).toMatchObject({ field: "users", op: "gt", value: "5" });
    expect(withField(form, "closeDate", catalog)).toMatchObject({ field: "closeDate", op: "is_set", value: "" });
    const equals = { ...form, op: "equals" };
    expect(withField(equals, "closeDate", catalog)).toMatchObject({ field: "closeDate", op: "equals", value: "" });
    expect(withField(form, "contacts", catalog)).toMatchObject({ field: "contacts", op: "is_set" });
  });

  test("a new criterion of each type has its type's usual settings; a changed type keeps the key and label", () => {
    expect(newCriterion("field", catalog)).toMatchObject({ type: "field", field: "amount", condition: { op: "is_set" }, key: "", _autoKey: true });
    expect(newCriterion("document", catalog)).toMatchObject({ type: "document", documentKind: catalog.fileKinds[0] });
    expect(newCriterion("plan", catalog)).toMatchObject({ type: "plan", minSteps: 3 });
    const c = { ...newCriterion("plan", catalog), key: "close_plan", label: "Close plan", _autoKey: false };
    const changed = withType(c, "approval", catalog);
    expect(changed).toMatchObject({ _id: c._id, key: "close_plan", label: "Close plan", type: "approval", _autoKey: false });
    expect(changed).not.toHaveProperty("minSteps");
  });
});

describe("problems", () => {
  test("each problem is shown by the control its path names", () => {
    expect(stageOf("stages.2.exitCriteria.0.key")).toBe(2);
    expect(stageOf("stages")).toBeNull();
    expect(stageOf("name")).toBeNull();
    expect(controlPathOf("stages.1.exitCriteria.0.condition")).toBe("stages.1.exitCriteria.0.condition.op");
    expect(controlPathOf("stages.1.probability")).toBe("stages.1.probability");
    const counts = problemCountByStage([
      { field: "stages", message: "x" },
      { field: "stages.1.key", message: "x" },
      { field: "stages.1.questions.0.label", message: "x" },
      { field: "stages.3.name", message: "x" },
    ]);
    expect([...counts]).toEqual([
      [1, 2],
      [3, 1],
    ]);
  });

  test("a problem's place in words", () => {
    const stages = [{ name: "Identify" }, { name: "" }];
    expect(describeProblemPath("name", stages)).toBe("Process name");
    expect(describeProblemPath("stages", stages)).toBe("Stages");
    expect(describeProblemPath("stages.0.probability", stages)).toBe("Stage 1 (Identify), win probability");
    expect(describeProblemPath("stages.1.key", stages)).toBe("Stage 2, key");
    expect(describeProblemPath("stages.0.exitCriteria.2.condition.value", stages)).toBe("Stage 1 (Identify), criterion 3, value");
    expect(describeProblemPath("stages.0.questions.0.answer", stages)).toBe("Stage 1 (Identify), question 1, answer");
    expect(describeProblemPath("stages.0.goals.1", stages)).toBe("Stage 1 (Identify), goal line 2");
  });
});
