import { z } from "zod";
import { CRITERION_FIELDS, FieldCondition, FILE_KINDS, FORECAST_CATEGORIES, QualificationQuestion, STAGE_KINDS } from "../domain/process/types";

export const ExitCriterionResponse = z
  .object({
    key: z.string(),
    label: z.string(),
    type: z.enum(["check", "field", "document", "approval", "plan"]),
    field: z.enum(CRITERION_FIELDS).optional(),
    condition: FieldCondition.optional(),
    documentKind: z.enum(FILE_KINDS).optional(),
    minSteps: z.number().int().optional(),
  })
  .meta({ id: "ExitCriterionDefinition" });

export const StageResponse = z
  .object({
    key: z.string(),
    name: z.string(),
    order: z.number().int(),
    kind: z.enum(STAGE_KINDS),
    probability: z.number().int(),
    forecastCategory: z.enum(FORECAST_CATEGORIES),
    definition: z.string(),
    goals: z.array(z.string()),
    buyerDoing: z.array(z.string()),
    sellerActivities: z.array(z.string()),
    doneCorrectly: z.string(),
    doneIncorrectly: z.string(),
    stallDays: z.number().int().nullable(),
    exitCriteria: z.array(ExitCriterionResponse),
    /** The questions a rep answers on a deal in this stage (the Qualify stage's qualification questions). */
    questions: z.array(QualificationQuestion.meta({ id: "QualificationQuestion" })),
  })
  .meta({ id: "Stage" });

export const ProcessResponse = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    version: z.number().int(),
    stages: z.array(StageResponse),
  })
  .meta({ id: "Process" });
export type ProcessResponse = z.infer<typeof ProcessResponse>;

/** `GET /process?type=`: the process a new deal of that type follows (the default one when no process is tied to the type). */
export const ActiveProcessQuery = z.object({ type: z.enum(["new", "expansion"]).optional() }).strict();
export type ActiveProcessQuery = z.infer<typeof ActiveProcessQuery>;
