import { AppError } from "../../errors";
import { ImportForm, ImportMapping, ImportReport } from "../../schemas/imports";
import { importOpportunities, maxImportBytes } from "../../server/imports/import-opportunities";
import { apiRoute } from "../api-route";
import { fieldProblems } from "../error-response";

/** The `mapping` part: JSON that an ImportMapping accepts, or nothing. */
function readMapping(raw: string | undefined): ImportMapping {
  if (raw === undefined || raw.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request body is not valid.", { fields: [{ field: "mapping", message: "not valid JSON" }] });
  }
  const parsed = ImportMapping.safeParse(json);
  if (!parsed.success)
    throw new AppError("VALIDATION_FAILED", "The request body is not valid.", { fields: fieldProblems(parsed.error, ["mapping"]) });
  return parsed.data;
}

export const importOpportunitiesRoute = apiRoute(
  {
    method: "POST",
    path: "/imports",
    summary:
      "Import deals from a CSV file (multipart: file, source, dryRun, mapping). A dry run reports each row's outcome and writes nothing; an import writes in batches, idempotent by (source, external id).",
    tag: "Imports",
    form: ImportForm,
    // Multipart adds a little around the file itself; a larger file is refused with 413 before it is read whole.
    maxBytes: () => maxImportBytes() + 64 * 1024,
    response: ImportReport,
    errors: ["FORBIDDEN", "PAYLOAD_TOO_LARGE"],
  },
  async ({ actor, body: { file, source, dryRun, mapping } }) =>
    importOpportunities(actor, { file, source, dryRun: dryRun === "true", mapping: readMapping(mapping) }),
);
