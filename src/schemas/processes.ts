import { z } from "zod";
import { ProcessDefinition } from "../domain/process/types";
import { ProcessResponse } from "./process";

export const ProcessSummary = z
  .object({
    key: z.string(),
    name: z.string(),
    isDefault: z.boolean(),
    /** The opportunity type whose new deals follow this process rather than the default, if any. */
    opportunityType: z.enum(["new", "expansion"]).nullable(),
    latestVersion: z.number().int(),
    versions: z.array(
      z.object({
        id: z.string(),
        version: z.number().int(),
        publishedAt: z.string(),
        /** Who published it, when known (null for versions published at start or by someone since removed). */
        publishedBy: z.string().nullable(),
        note: z.string(),
        /** Every deal that follows the version, and the open ones among them. */
        opportunities: z.number().int(),
        openOpportunities: z.number().int(),
      }),
    ),
  })
  .meta({ id: "ProcessSummary" });
export type ProcessSummary = z.infer<typeof ProcessSummary>;

export const ProcessSummaryList = z
  .object({
    items: z.array(ProcessSummary),
    /** Each process's draft, if it has one (a draft from a template may name a process not yet published). */
    /** The lists an editor offers, and the conditions the engine supports on each criterion field. */
    catalog: z.object({
      stageKinds: z.array(z.string()),
      forecastCategories: z.array(z.string()),
      criterionTypes: z.array(z.string()),
      criterionFields: z.array(
        z.object({ field: z.string(), valueKind: z.enum(["number", "date", "text", "contacts"]), conditions: z.array(z.string()) }),
      ),
      contactRoles: z.array(z.string()),
      fileKinds: z.array(z.string()),
      questionAnswerKinds: z.array(z.string()),
      maxStallDays: z.number().int(),
    }),
    drafts: z.array(z.object({ processKey: z.string(), name: z.string(), version: z.number().int(), updatedAt: z.string() })),
    templates: z.array(z.object({ key: z.string(), name: z.string(), description: z.string() })),
  })
  .meta({ id: "ProcessList" });

/** Publish a process: a shipped template by key, or a full definition (a new version of its key). */
export const PublishProcessRequest = z
  .object({
    template: z.string().min(1).max(64).optional(),
    definition: ProcessDefinition.optional(),
    makeDefault: z.boolean().default(false),
    note: z.string().max(500).optional(),
  })
  .strict()
  .refine((r) => (r.template === undefined) !== (r.definition === undefined), {
    message: "give either a template key or a definition",
    path: ["template"],
  })
  .meta({ id: "PublishProcessRequest" });
export type PublishProcessRequest = z.infer<typeof PublishProcessRequest>;

/**
 * Change a process: make it the default (there is always exactly one, so only `true`), tie it to an
 * opportunity type whose new deals then follow it, or untie it (`null`).
 */
export const UpdateProcessRequest = z
  .object({
    isDefault: z.literal(true).optional(),
    opportunityType: z.enum(["new", "expansion"]).nullable().optional(),
  })
  .strict()
  .refine((r) => r.isDefault !== undefined || r.opportunityType !== undefined, {
    message: "give isDefault or opportunityType",
    path: ["opportunityType"],
  })
  .meta({ id: "UpdateProcessRequest" });
export type UpdateProcessRequest = z.infer<typeof UpdateProcessRequest>;

export { ProcessResponse };
