// The audit log as filtered on /admin/audit (its filters from the query string), as CSV: every
// matching entry, not only the page shown. The API answers the same with GET /api/v1/audit and
// Accept: text/csv; this is the download link of the page, signed in with the browser's session.
import { currentActor } from "@/src/auth/current-actor";
import { AppError } from "@/src/errors";
import { auditCsvChunks } from "@/src/server/audit/list-audit";
import { csvDownload, datedFileName } from "@/src/server/exports/stageline-csv";
import { csvAnswer } from "../../../dashboard/csv-answer";
import { parseAuditFilters } from "../filters";

export async function GET(req: Request): Promise<Response> {
  return csvAnswer(async () => {
    const actor = await currentActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to download the audit log.");
    const { cursor: _cursor, ...filters } = parseAuditFilters(Object.fromEntries(new URL(req.url).searchParams));
    return csvDownload(auditCsvChunks(actor, filters), datedFileName("audit", new Date()));
  });
}
