import { z } from "zod";
import { IMPORT_FIELDS, IMPORT_SOURCES } from "../domain/imports/csv-values";
import { Currency, Email } from "./common";

/** The parts of an import (docs/rules/import.md). */
export const ImportForm = z
  .object({
    file: z.instanceof(File, { error: "a file part is required" }).meta({ type: "string", format: "binary", description: "The CSV file (UTF-8)." }),
    source: z.enum(IMPORT_SOURCES, { error: `one of ${IMPORT_SOURCES.join(", ")}` }),
    dryRun: z.enum(["true", "false"], { error: "true or false" }).meta({ description: "true: report what would happen, write nothing." }),
    mapping: z.string().max(100_000).optional().meta({ description: "JSON: an ImportMapping, over the source's defaults." }),
  })
  .meta({ id: "ImportUpload" });

/** What the `mapping` part may say; everything it leaves out keeps the source's default. */
export const ImportMapping = z
  .object({
    /** Column name → field, or null to ignore a column the source maps by default. */
    columns: z.record(z.string().max(200), z.enum(IMPORT_FIELDS).nullable()).optional(),
    /** The file's stage → a stage key of the deal's process. */
    stages: z.record(z.string().max(200), z.string().min(1).max(64)).optional(),
    /** The file's owner (a name or an address as written) → the e-mail address of a user. */
    owners: z.record(z.string().max(200), Email).optional(),
    /** How slashed dates are read: month first (3/31/2026, the default) or day first (31/03/2026). */
    dates: z.enum(["mdy", "dmy"]).optional(),
    /** The decimal mark of amounts with one kind of mark: "," by default in a `;`-separated file, else ".". */
    decimal: z.enum([".", ","]).optional(),
    /** The currency of rows without one (USD unless given). */
    currency: Currency.optional(),
  })
  .strict()
  .meta({ id: "ImportMapping" });
export type ImportMapping = z.infer<typeof ImportMapping>;

export const IMPORT_OUTCOMES = ["created", "updated", "unchanged", "refused"] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export const ImportRowReport = z
  .object({
    /** The row as a spreadsheet numbers it: the header is row 1. */
    row: z.number().int(),
    outcome: z.enum(IMPORT_OUTCOMES),
    id: z.string().optional(),
    externalId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "ImportRow" });
export type ImportRowReport = z.infer<typeof ImportRowReport>;

/** A value of the file that matched nothing, with the number of rows that wrote it. */
const UnknownValue = z.object({ value: z.string(), rows: z.number().int() });

export const ImportReport = z
  .object({
    source: z.enum(IMPORT_SOURCES),
    dryRun: z.boolean(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
    rows: z.array(ImportRowReport),
    unknownStages: z
      .array(UnknownValue)
      .meta({ description: "Stages as the file writes them that match no stage of the process, with how many rows: name them in mapping.stages." }),
    unknownOwners: z.array(UnknownValue).meta({
      description: "Owners as the file writes them that match no user (or several), with how many rows: name them in mapping.owners.",
    }),
    note: z.string().meta({ description: "How imported deals are placed: in their stage, as data, not moved through exit criteria." }),
  })
  .meta({ id: "ImportReport" });
export type ImportReport = z.infer<typeof ImportReport>;

/**
 * A line of an import's progress, as the answer streams them with `Accept: application/x-ndjson`:
 * progress lines, then the report, or an error if the import stopped part way.
 */
export const ImportProgressLine = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("progress"), rowsDone: z.number().int(), rowsTotal: z.number().int() }),
    z.object({ type: z.literal("report"), report: ImportReport }),
    z.object({ type: z.literal("error"), error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) }),
  ])
  .meta({ id: "ImportProgressLine" });
export type ImportProgressLine = z.infer<typeof ImportProgressLine>;
