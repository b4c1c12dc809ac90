// A process draft (docs/rules/sales-process.md#drafts): the next version of a process while an admin
// edits it. Its shape is checked when it is saved, so the editor can keep a half-made draft (a
// probability of 150, a criterion on no field yet); the rules are checked by `draftProblems`, which
// lists every problem by its path, and publishing is refused while there is one.
import { z } from "zod";
import { conditionsFor, FIELD_VALUE_KINDS } from "../criteria/field-conditions";
import {
  CONTACT_ROLES,
  CRITERION_FIELDS,
  CRITERION_TYPES,
  type CriterionField,
  type ExitCriterion,
  FILE_KINDS,
  type FileKind,
  FORECAST_CATEGORIES,
  MAX_STALL_DAYS,
  ProcessDefinition,
  QUESTION_ANSWER_KINDS,
  STAGE_KINDS,
} from "./types";

const text = (max: number) => z.string().max(max);
const lines = z.array(text(500)).max(30);

export const DraftCriterion = z
  .object({
    key: text(64),
    label: text(200),
    type: z.enum(CRITERION_TYPES),
    /** `field` criteria: the field, and the condition on it. */
    field: text(64).optional(),
    condition: z
      .object({ op: text(32), value: z.union([text(200), z.number(), z.boolean()]).optional(), role: text(64).optional() })
      .strict()
      .optional(),
    /** `document` criteria: the kind of file. */
    documentKind: text(64).optional(),
    /** `plan` criteria: the least number of ready steps. */
    minSteps: z.number().optional(),
  })
  .strict()
  .meta({ id: "DraftCriterion" });
export type DraftCriterion = z.infer<typeof DraftCriterion>;

export const DraftQuestion = z
  .object({ key: text(64), label: text(200), answer: text(32) })
  .strict()
  .meta({ id: "DraftQuestion" });
export type DraftQuestion = z.infer<typeof DraftQuestion>;

export const DraftStage = z
  .object({
    key: text(64),
    name: text(80),
    kind: z.enum(STAGE_KINDS),
    probability: z.number(),
    forecastCategory: z.enum(FORECAST_CATEGORIES),
    definition: text(4000),
    goals: lines,
    buyerDoing: lines,
    sellerActivities: lines,
    doneCorrectly: text(4000).default(""),
    doneIncorrectly: text(4000).default(""),
    stallDays: z.number().nullable(),
    exitCriteria: z.array(DraftCriterion).max(30),
    questions: z.array(DraftQuestion).max(30).default([]),
  })
  .strict()
  .meta({ id: "DraftStage" });
export type DraftStage = z.infer<typeof DraftStage>;

/** A draft's definition: a process definition without its key (the draft's process names it). */
export const DraftDefinition = z
  .object({
    name: text(120),
    description: text(2000).default(""),
    stages: z.array(DraftStage).max(40),
  })
  .strict()
  .meta({ id: "DraftDefinition" });
export type DraftDefinition = z.infer<typeof DraftDefinition>;

/** One thing that stops a draft from being published, at its path (`stages.2.probability`). */
export type DraftProblem = { field: string; message: string };

const KEY = /^[a-z][a-z0-9_]{0,63}$/;
const KEY_MESSAGE = "a lower_snake_case key: a letter, then letters, digits or _";
const blank = (s: string) => s.trim() === "";
const isIn = <T extends string>(list: readonly T[], value: unknown): value is T => list.includes(value as T);

/** Every problem of a draft, in the order of the definition; none means it can be published. */
export function draftProblems(draft: DraftDefinition): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (field: (string | number)[], message: string) => problems.push({ field: field.join("."), message });

  if (blank(draft.name)) add(["name"], "a process needs a name");
  const count = (kind: string) => draft.stages.filter((s) => s.kind === kind).length;
  if (count("open") === 0) add(["stages"], "at least one open stage is required");
  for (const kind of ["won", "lost"]) if (count(kind) !== 1) add(["stages"], `exactly one ${kind} stage is required (there are ${count(kind)})`);
  if (draft.stages.length > 0 && draft.stages[0]!.kind !== "open" && count("open") > 0) add(["stages", 0, "kind"], "the first stage must be open");

  const stageKeys = new Set<string>();
  const questionKeys = new Set<string>();
  draft.stages.forEach((stage, i) => {
    const at = (...rest: (string | number)[]) => ["stages", i, ...rest];
    if (!KEY.test(stage.key)) add(at("key"), KEY_MESSAGE);
    else if (stageKeys.has(stage.key)) add(at("key"), `another stage has the key ${stage.key}`);
    stageKeys.add(stage.key);
    if (blank(stage.name)) add(at("name"), "a stage needs a name");
    if (!Number.isInteger(stage.probability) || stage.probability < 0 || stage.probability > 100)
      add(at("probability"), "a whole number from 0 to 100");
    if (blank(stage.definition)) add(at("definition"), "say what the stage is for");
    for (const list of ["goals", "buyerDoing", "sellerActivities"] as const)
      stage[list].forEach((line, j) => {
        if (blank(line)) add(at(list, j), "an empty line: write it or remove it");
      });
    if (stage.stallDays !== null && (!Number.isInteger(stage.stallDays) || stage.stallDays < 1 || stage.stallDays > MAX_STALL_DAYS))
      add(at("stallDays"), `a whole number of days from 1 to ${MAX_STALL_DAYS}, or none`);

    const criterionKeys = new Set<string>();
    stage.exitCriteria.forEach((c, j) => {
      const cat = (...rest: string[]) => at("exitCriteria", j, ...rest);
      if (!KEY.test(c.key)) add(cat("key"), KEY_MESSAGE);
      else if (criterionKeys.has(c.key)) add(cat("key"), `another criterion of this stage has the key ${c.key}`);
      criterionKeys.add(c.key);
      if (blank(c.label)) add(cat("label"), "a criterion needs a label");
      for (const problem of criterionProblems(c)) add(cat(...problem.at), problem.message);
    });

    stage.questions.forEach((q, j) => {
      const qat = (name: string) => at("questions", j, name);
      if (!KEY.test(q.key)) add(qat("key"), KEY_MESSAGE);
      else if (questionKeys.has(q.key)) add(qat("key"), `another question of the process has the key ${q.key}`);
      questionKeys.add(q.key);
      if (blank(q.label)) add(qat("label"), "a question needs a label");
      if (!isIn(QUESTION_ANSWER_KINDS, q.answer)) add(qat("answer"), `one of ${QUESTION_ANSWER_KINDS.join(", ")}`);
    });
  });
  return problems;
}

/** The problems of one criterion's type-specific settings, relative to the criterion. */
function criterionProblems(c: DraftCriterion): { at: string[]; message: string }[] {
  switch (c.type) {
    case "check":
    case "approval":
      return [];
    case "document":
      return isIn(FILE_KINDS, c.documentKind) ? [] : [{ at: ["documentKind"], message: `one of ${FILE_KINDS.join(", ")}` }];
    case "plan":
      return Number.isInteger(c.minSteps) && c.minSteps! >= 1 && c.minSteps! <= 50
        ? []
        : [{ at: ["minSteps"], message: "a whole number of steps from 1 to 50" }];
    case "field":
      return fieldCriterionProblems(c);
    default: {
      const never: never = c.type;
      throw new Error(`Unknown criterion type ${String(never)}`);
    }
  }
}

function fieldCriterionProblems(c: DraftCriterion): { at: string[]; message: string }[] {
  if (!isIn(CRITERION_FIELDS, c.field))
    return [{ at: ["field"], message: `not a field criteria can look at: one of ${CRITERION_FIELDS.join(", ")}` }];
  const field: CriterionField = c.field;
  const condition = c.condition;
  if (!condition) return [{ at: ["condition"], message: "choose a condition" }];
  const supported = conditionsFor(field);
  if (!isIn(supported, condition.op)) return [{ at: ["condition", "op"], message: `on ${field}, one of ${supported.join(", ")}` }];
  const valueKind = FIELD_VALUE_KINDS[field];
  switch (condition.op) {
    case "is_set":
      return [];
    case "gt":
      return typeof condition.value === "number" ? [] : [{ at: ["condition", "value"], message: "a number" }];
    case "equals":
      if (valueKind === "number") return typeof condition.value === "number" ? [] : [{ at: ["condition", "value"], message: "a number" }];
      if (valueKind === "date")
        return typeof condition.value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(condition.value)
          ? []
          : [{ at: ["condition", "value"], message: "a date, YYYY-MM-DD" }];
      return typeof condition.value === "string" && !blank(condition.value) ? [] : [{ at: ["condition", "value"], message: "the text to match" }];
    case "has_contact_role":
      return isIn(CONTACT_ROLES, condition.role) ? [] : [{ at: ["condition", "role"], message: `one of ${CONTACT_ROLES.join(", ")}` }];
    default:
      return [];
  }
}

/** The criterion as the engine stores it, from a draft criterion without problems. */
function toCriterion(c: DraftCriterion): ExitCriterion {
  const base = { key: c.key, label: c.label };
  switch (c.type) {
    case "check":
    case "approval":
      return { ...base, type: c.type };
    case "document":
      return { ...base, type: "document", documentKind: c.documentKind as FileKind };
    case "plan":
      return { ...base, type: "plan", minSteps: c.minSteps! };
    case "field": {
      const { op, value, role } = c.condition!;
      const condition = op === "is_set" ? { op } : op === "has_contact_role" ? { op, role } : { op, value };
      return { ...base, type: "field", field: c.field as CriterionField, condition } as ExitCriterion;
    }
    default: {
      const never: never = c.type;
      throw new Error(`Unknown criterion type ${String(never)}`);
    }
  }
}

/**
 * The process definition a draft publishes as, or its problems. The draft's own rules are checked
 * first; the definition's schema then checks it once more, so nothing the engine would refuse is published.
 */
export function toProcessDefinition(
  key: string,
  draft: DraftDefinition,
): { ok: true; definition: ProcessDefinition } | { ok: false; problems: DraftProblem[] } {
  const problems = draftProblems(draft);
  if (problems.length > 0) return { ok: false, problems };
  const parsed = ProcessDefinition.safeParse({
    key,
    name: draft.name.trim(),
    description: draft.description,
    stages: draft.stages.map((s) => ({
      ...s,
      name: s.name.trim(),
      exitCriteria: s.exitCriteria.map(toCriterion),
      questions: s.questions.map((q) => ({ key: q.key, label: q.label.trim(), answer: q.answer })),
    })),
  });
  if (parsed.success) return { ok: true, definition: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.join(".") || "stages", message: i.message })) };
}

/** A draft holding a published definition (a version, or a shipped template): what the editor starts from. */
export function fromProcessDefinition(definition: Omit<ProcessDefinition, "key">): DraftDefinition {
  return {
    name: definition.name,
    description: definition.description,
    stages: definition.stages.map((s) => ({
      key: s.key,
      name: s.name,
      kind: s.kind,
      probability: s.probability,
      forecastCategory: s.forecastCategory,
      definition: s.definition,
      goals: s.goals,
      buyerDoing: s.buyerDoing,
      sellerActivities: s.sellerActivities,
      doneCorrectly: s.doneCorrectly,
      doneIncorrectly: s.doneIncorrectly,
      stallDays: s.stallDays,
      exitCriteria: s.exitCriteria.map((c) => ({ ...c }) as DraftCriterion),
      questions: (s.questions ?? []).map((q) => ({ ...q })),
    })),
  };
}
