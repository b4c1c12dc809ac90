import { AppError } from "../../errors";
import { ImportForm, ImportMapping, ImportProgressLine, ImportReport } from "../../schemas/imports";
import { type ImportInput, importFileTooLarge, importOpportunities, maxImportBytes } from "../../server/imports/import-opportunities";
import { apiRoute } from "../api-route";
import { fieldProblems, mapError } from "../error-response";
import { spoolMultipart, type SpooledForm } from "../spool-multipart";

const invalid = (fields: { field: string; message: string }[]) => new AppError("VALIDATION_FAILED", "The request body is not valid.", { fields });

/** The `mapping` part: JSON that an ImportMapping accepts, or nothing. */
function readMapping(raw: string | undefined): ImportMapping {
  if (raw === undefined || raw.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw invalid([{ field: "mapping", message: "not valid JSON" }]);
  }
  const parsed = ImportMapping.safeParse(json);
  if (!parsed.success) throw invalid(fieldProblems(parsed.error, ["mapping"]));
  return parsed.data;
}

const ImportFields = ImportForm.omit({ file: true });
// Multipart adds a little around the file itself.
const maxBodyBytes = () => maxImportBytes() + 64 * 1024;

export const importOpportunitiesRoute = apiRoute(
  {
    method: "POST",
    path: "/imports",
    summary:
      "Import deals from a CSV file (multipart: file, source, dryRun, mapping). A dry run reports each row's outcome and writes nothing; an import writes in batches, idempotent by (source, external id).",
    tag: "Imports",
    form: ImportForm,
    // Read here as a stream, the file spooled to disk: memory holds a batch of rows, not the file.
    streamed: true,
    maxBytes: maxBodyBytes,
    response: ImportReport,
    progress: ImportProgressLine,
    errors: ["FORBIDDEN", "PAYLOAD_TOO_LARGE"],
  },
  async ({ actor, req }) => {
    const form = await spoolMultipart(req, { fileField: "file", maxBytes: maxBodyBytes(), tooLarge: () => importFileTooLarge() });
    let input: ImportInput;
    try {
      const parsed = ImportFields.safeParse(form.fields);
      const problems = [
        ...(form.file ? [] : [{ field: "file", message: "a file part is required" }]),
        ...(parsed.success ? [] : fieldProblems(parsed.error)),
      ];
      if (!form.file || !parsed.success) throw invalid(problems);
      const { source, dryRun, mapping } = parsed.data;
      input = { file: form.file.blob, source, dryRun: dryRun === "true", mapping: readMapping(mapping) };
    } catch (error) {
      await form.dispose();
      throw error;
    }
    if (req.headers.get("accept")?.includes(NDJSON))
      return await streamProgress(form, (onProgress) => importOpportunities(actor, { ...input, onProgress }));
    try {
      return await importOpportunities(actor, input);
    } finally {
      await form.dispose();
    }
  },
);

const NDJSON = "application/x-ndjson";

/**
 * The import answered as it goes, one JSON line per batch, then the report. What is refused before
 * the first row (the file's size, its columns, the actor's right to import) is an ordinary error
 * answer with its status; once lines flow, the status is 200 and a failure part way is an error line
 * (the batches written before it stay written: importing the file again carries on where it stopped).
 */
export async function streamProgress(form: SpooledForm, run: (onProgress: ImportInput["onProgress"]) => Promise<ImportReport>): Promise<Response> {
  const encoder = new TextEncoder();
  const early: ImportProgressLine[] = [];
  let send: (line: ImportProgressLine) => void = (line) => early.push(line);
  let begin = () => {};
  const begun = new Promise<void>((resolve) => {
    begin = resolve;
  });
  const outcome = run((progress) => {
    send({ type: "progress", ...progress });
    begin();
  }).finally(() => form.dispose());
  // Until the first progress line the import may still be refused as a whole (a rejection wins the race).
  await Promise.race([begun, outcome]);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (line: ImportProgressLine) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          // The client went away: the import carries on, and its batches are written all the same.
        }
      };
      for (const line of early.splice(0)) write(line);
      send = write;
      const end = (line: ImportProgressLine) => {
        write(line);
        try {
          controller.close();
        } catch {
          // Closed already by the client leaving.
        }
      };
      outcome.then(
        (report) => end({ type: "report", report }),
        (error) => {
          const { code, message, details } = mapError(error);
          end({ type: "error", error: { code, message, ...(details === undefined ? {} : { details }) } });
        },
      );
    },
  });
  // A proxy passes each line on as it comes (nginx holds a response back unless told not to).
  return new Response(stream, { headers: { "Content-Type": `${NDJSON}; charset=utf-8`, "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
}
