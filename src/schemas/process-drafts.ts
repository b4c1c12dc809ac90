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
  .object({ version: z.number().int().min(1).max(2_000_000_000), definition: DraftDefinition })
  .strict()
  .meta({ id: "ReplaceProcessDraftRequest" });
export type ReplaceDraftRequest = z.infer<typeof ReplaceDraftRequest>;

export const PublishDraftRequest = z
  .object({ version: z.number().int().min(1).max(2_000_000_000), note: z.string().max(500).optional(), makeDefault: z.boolean().default(false) })
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

export const DealMovesQuery = z.object({ fromVersion: z.coerce.number().int().min(1).max(1_000_000).optional() }).strict();
export type DealMovesQuery = z.infer<typeof DealMovesQuery>;

/** Move the open deals of older versions onto the latest: all, those of one version, or only the deals named. */
export const MoveDealsRequest = z
  .object({ fromVersion: z.number().int().min(1).max(1_000_000).optional(), dealIds: z.array(z.string().min(1).max(64)).min(1).max(5000).optional() })
  .strict()
  .meta({ id: "MoveDealsRequest" });
export type MoveDealsRequest = z.infer<typeof MoveDealsRequest>;

export const DealMovesReport = z
  .object({
    processKey: z.string(),
    /** The latest version: where the deals go. */
    toVersion: z.number().int(),
    /** Deals that would move (the preview) or moved. */
    moves: z.number().int(),
    /** Deals that stay on their version. */
    stays: z.number().int(),
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        ownerName: z.string(),
        /** The deal's stage, the same in both versions. */
        stage: z.string(),
        fromVersion: z.number().int(),
        /** `moves` in the preview, `moved` once done; `stays` with the reason either way. */
        outcome: z.enum(["moves", "moved", "stays"]),
        /** `stage_missing`: the latest version has no stage of that key; `criteria_unmet`: the deal misses criteria of an earlier stage there. */
        reason: z.enum(["stage_missing", "criteria_unmet"]).optional(),
        unmet: z.array(z.object({ stage: z.string(), key: z.string(), label: z.string(), type: z.string() })).optional(),
      }),
    ),
  })
  .meta({ id: "DealMovesReport" });
export type DealMovesReport = z.infer<typeof DealMovesReport>;
