import { AuditList, ListAuditQuery } from "../../schemas/audit";
import { auditCsvChunks, listAuditEntries } from "../../server/audit/list-audit";
import { csvDownload, datedFileName } from "../../server/exports/stageline-csv";
import { apiRoute } from "../api-route";
import { wantsCsv } from "./metrics";

export const listAuditRoute = apiRoute(
  {
    method: "GET",
    path: "/audit",
    summary:
      "The audit log of admin changes and sign-ins, newest first, with cursor pagination (admin). Accept: text/csv answers every entry matching the filters (all pages).",
    tag: "Administration",
    query: ListAuditQuery,
    response: AuditList,
    csv: true,
    errors: ["FORBIDDEN"],
  },
  async ({ actor, query, req }) => {
    if (!wantsCsv(req)) return listAuditEntries(actor, query);
    const { cursor: _cursor, limit: _limit, ...filters } = query;
    return csvDownload(auditCsvChunks(actor, filters), datedFileName("audit", new Date()));
  },
);
