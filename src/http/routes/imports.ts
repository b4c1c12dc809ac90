import { AppError } from "../../errors";
import { ImportForm, ImportMapping, ImportReport } from "../../schemas/imports";
import { importFileTooLarge, importOpportunities, maxImportBytes } from "../../server/imports/import-opportunities";
import { apiRoute } from "../api-route";
import { fieldProblems } from "../error-response";
import { spoolMultipart } from "../spool-multipart";

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
    errors: ["FORBIDDEN", "PAYLOAD_TOO_LARGE"],
  },
  async ({ actor, req }) => {
    const form = await spoolMultipart(req, { fileField: "file", maxBytes: maxBodyBytes(), tooLarge: () => importFileTooLarge() });
    try {
      const parsed = ImportFields.safeParse(form.fields);
      const problems = [
        ...(form.file ? [] : [{ field: "file", message: "a file part is required" }]),
        ...(parsed.success ? [] : fieldProblems(parsed.error)),
      ];
      if (!form.file || !parsed.success) throw invalid(problems);
      const { source, dryRun, mapping } = parsed.data;
      return await importOpportunities(actor, { file: form.file.blob, source, dryRun: dryRun === "true", mapping: readMapping(mapping) });
    } finally {
      await form.dispose();
    }
  },
);
