import { z } from "zod";
import { DraftDefinition } from "../domain/process/draft";

export { DraftDefinition };

const processKey = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "a process key: lower_snake_case");

export const ProcessKeyParams = z.object({ key: processKey });

/** Start the draft: from the process's latest version (no body, or `{}`), or from a shipped template. */
export const CreateDraftRequest = z
  .object({ template: z.string().min(1).max(64).optional() })
  .strict()
  .optional()
  .meta({ id: "CreateProcessDraftRequest" });
export type CreateDraftRequest = z.infer<typeof CreateDraftRequest>;

/** The whole definition, saved over the draft at the version the editor read. */
export const ReplaceDraftRequest = z
  .object({ version: z.number().int().min(1), definition: DraftDefinition })
  .strict()
  .meta({ id: "ReplaceProcessDraftRequest" });
export type ReplaceDraftRequest = z.infer<typeof ReplaceDraftRequest>;

export const PublishDraftRequest = z
  .object({ version: z.number().int().min(1), note: z.string().max(500).optional(), makeDefault: z.boolean().default(false) })
  .strict()
  .meta({ id: "PublishProcessDraftRequest" });
export type PublishDraftRequest = z.infer<typeof PublishDraftRequest>;

export const DraftProblem = z.object({ field: z.string(), message: z.string() }).meta({ id: "DraftProblem" });

export const DraftProblemsResponse = z.object({ problems: z.array(DraftProblem) }).meta({ id: "ProcessDraftProblems" });

export const DraftResponse = z
  .object({
    processKey: z.string(),
    /** Sent back with the next save or the publication: a stale one is refused with 409. */
    version: z.number().int(),
    /** The published version it started from (null: from a template, or a process not yet published). */
    basedOnVersion: z.number().int().nullable(),
    /** The shipped template it was loaded from, if any. */
    template: z.string().nullable(),
    definition: DraftDefinition,
    /** What stops it from being published; empty when it can be. */
    problems: z.array(DraftProblem),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "ProcessDraft" });
export type DraftResponse = z.infer<typeof DraftResponse>;
