import { AppError } from "../../errors";
import { ImportForm, ImportMapping, ImportProgressLine, ImportReport } from "../../schemas/imports";
import { type ImportInput, importFileTooLarge, importOpportunities, maxImportBytes } from "../../server/imports/import-opportunities";
import { reportJson, type SpooledReport } from "../../server/imports/report-spool";
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
    let report: SpooledReport;
    try {
      report = await importOpportunities(actor, input);
    } finally {
      await form.dispose();
    }
    // The report (an ImportReport) streamed from its spool: memory holds a piece of it, not every row.
    return new Response(textStream(reportJson(report), report.dispose), { headers: { "Content-Type": "application/json" } });
  },
);

/**
 * A body that sends `pieces` as the client reads them (so a slow client holds the generator back,
 * not a queue in memory), and calls `finished` once, when they are sent, fail, or the client leaves.
 */
function textStream(pieces: AsyncGenerator<string>, finished: () => Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    await finished().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await pieces.next();
        if (next.done) {
          // Cleaned up before the end is sent: a client that has read it all finds nothing left behind.
          await end();
          controller.close();
        } else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
        await end();
      }
    },
    async cancel() {
      await pieces.return(undefined).catch(() => undefined);
      await end();
    },
  });
}

const NDJSON = "application/x-ndjson";

/**
 * The import answered as it goes, one JSON line per batch, then the report. What is refused before
 * the first row (the file's size, its columns, the actor's right to import) is an ordinary error
 * answer with its status; once lines flow, the status is 200 and a failure part way is an error line
 * (the batches written before it stay written: importing the file again carries on where it stopped).
 */
export async function streamProgress(form: SpooledForm, run: (onProgress: ImportInput["onProgress"]) => Promise<SpooledReport>): Promise<Response> {
  const waiting: string[] = [];
  let wake = () => {};
  let begin = () => {};
  const begun = new Promise<void>((resolve) => {
    begin = resolve;
  });
  const outcome = run((progress) => {
    waiting.push(`${JSON.stringify({ type: "progress", ...progress } satisfies ImportProgressLine)}\n`);
    wake();
    begin();
  }).finally(() => form.dispose());
  // Until the first progress line the import may still be refused as a whole (a rejection wins the race).
  await Promise.race([begun, outcome]);
  let settled = false;
  outcome.then(
    () => {
      settled = true;
      wake();
    },
    () => {
      settled = true;
      wake();
    },
  );

  async function* lines(): AsyncGenerator<string> {
    // The progress lines as the batches finish, until the import is over.
    for (;;) {
      const line = waiting.shift();
      if (line !== undefined) yield line;
      else if (settled) break;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
    let report: SpooledReport;
    try {
      report = await outcome;
    } catch (error) {
      const { code, message, details } = mapError(error);
      yield `${JSON.stringify({ type: "error", error: { code, message, ...(details === undefined ? {} : { details }) } } satisfies ImportProgressLine)}\n`;
      return;
    }
    // The report's line, written in pieces as it streams from its spool.
    try {
      yield '{"type":"report","report":';
      yield* reportJson(report);
      yield "}\n";
    } finally {
      await report.dispose();
    }
  }
  // A client that leaves does not stop the import: its batches are written all the same, and its
  // report, which no one will read, is removed once it is done.
  const leave = async () => {
    void outcome.then(
      (report) => report.dispose(),
      () => undefined,
    );
  };
  const stream = textStream(lines(), leave);
  // A proxy passes each line on as it comes (nginx holds a response back unless told not to).
  return new Response(stream, { headers: { "Content-Type": `${NDJSON}; charset=utf-8`, "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
}
