// The shape of a sales process: stages in order, each with its guidance and typed exit criteria.
// Validated with zod where it enters the product (templates, the admin's editor, JSON columns).
import { z } from "zod";

import { CONTACT_ROLES, FILE_KINDS, FORECAST_CATEGORIES, QUESTION_ANSWER_KINDS, STAGE_KINDS } from "./kinds";

export {
  CONTACT_ROLES,
  type ContactRole,
  FILE_KINDS,
  type FileKind,
  FORECAST_CATEGORIES,
  QUESTION_ANSWER_KINDS,
  STAGE_KINDS,
} from "./kinds";

/** Opportunity fields a `field` criterion may look at. */
export const CRITERION_FIELDS = [
  "amount",
  "closeDate",
  "nextStep",
  "nextStepDue",
  "buyingProcess",
  "decisionCriteria",
  "whyWon",
  "years",
  "users",
  "contacts",
] as const;

export type CriterionField = (typeof CRITERION_FIELDS)[number];

export const FieldCondition = z.discriminatedUnion("op", [
  z.object({ op: z.literal("is_set") }),
  z.object({ op: z.literal("gt"), value: z.number() }),
  z.object({ op: z.literal("equals"), value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.object({ op: z.literal("has_contact_role"), role: z.enum(CONTACT_ROLES) }),
]);
export type FieldCondition = z.infer<typeof FieldCondition>;

const criterionBase = {
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "lower_snake_case key"),
  label: z.string().min(1).max(200),
};

export const ExitCriterion = z.discriminatedUnion("type", [
  z.object({ ...criterionBase, type: z.literal("check") }),
  z.object({
    ...criterionBase,
    type: z.literal("field"),
    field: z.enum(CRITERION_FIELDS),
    condition: FieldCondition,
  }),
  z.object({ ...criterionBase, type: z.literal("document"), documentKind: z.enum(FILE_KINDS) }),
  z.object({ ...criterionBase, type: z.literal("approval") }),
  z.object({ ...criterionBase, type: z.literal("plan"), minSteps: z.number().int().min(1).max(50) }),
]);
export type ExitCriterion = z.infer<typeof ExitCriterion>;
export type CriterionType = ExitCriterion["type"];
export const CRITERION_TYPES = ["check", "field", "document", "approval", "plan"] as const satisfies readonly CriterionType[];

/** A question a rep answers on a deal in the stage (the Qualify stage's qualification questions). */
export const QualificationQuestion = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "lower_snake_case key"),
  label: z.string().min(1).max(200),
  answer: z.enum(QUESTION_ANSWER_KINDS),
});
export type QualificationQuestion = z.infer<typeof QualificationQuestion>;

/** The longest stall limit: ten years. */
export const MAX_STALL_DAYS = 3650;

export const StageDefinition = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  name: z.string().min(1).max(80),
  kind: z.enum(STAGE_KINDS),
  probability: z.number().int().min(0).max(100),
  forecastCategory: z.enum(FORECAST_CATEGORIES),
  definition: z.string().min(1),
  goals: z.array(z.string().min(1)),
  buyerDoing: z.array(z.string().min(1)),
  sellerActivities: z.array(z.string().min(1)),
  doneCorrectly: z.string().default(""),
  doneIncorrectly: z.string().default(""),
  stallDays: z.number().int().positive().max(MAX_STALL_DAYS).nullable(),
  exitCriteria: z.array(ExitCriterion),
  /** None when absent. */
  questions: z.array(QualificationQuestion).max(30).optional(),
});
export type StageDefinition = z.infer<typeof StageDefinition>;

/** A process as authored: a template, or an admin's edit before it is published. */
export const ProcessDefinition = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
    name: z.string().min(1).max(120),
    description: z.string(),
    stages: z.array(StageDefinition).min(2),
  })
  .superRefine((p, ctx) => {
    const keys = new Set<string>();
    const questions = new Set<string>();
    p.stages.forEach((s, i) => {
      s.questions?.forEach((q, j) => {
        if (questions.has(q.key)) ctx.addIssue({ code: "custom", path: ["stages", i, "questions", j, "key"], message: "duplicate question key" });
        questions.add(q.key);
      });
      if (keys.has(s.key)) ctx.addIssue({ code: "custom", path: ["stages", i, "key"], message: "duplicate stage key" });
      keys.add(s.key);
      const criteria = new Set<string>();
      s.exitCriteria.forEach((c, j) => {
        if (criteria.has(c.key)) ctx.addIssue({ code: "custom", path: ["stages", i, "exitCriteria", j, "key"], message: "duplicate criterion key" });
        criteria.add(c.key);
      });
    });
    for (const kind of ["won", "lost"] as const)
      if (p.stages.filter((s) => s.kind === kind).length !== 1)
        ctx.addIssue({ code: "custom", path: ["stages"], message: `exactly one ${kind} stage is required` });
    if (p.stages[0]?.kind !== "open") ctx.addIssue({ code: "custom", path: ["stages", 0], message: "the first stage must be open" });
  });
export type ProcessDefinition = z.infer<typeof ProcessDefinition>;
