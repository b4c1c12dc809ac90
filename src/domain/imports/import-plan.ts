// What the import page works out before it sends a file (docs/rules/import.md): which source a
// header looks like, which field each column feeds by default, what a plan still lacks, and the
// report as the rows of a downloadable CSV. Pure: the page and the server share it.
import { DEFAULT_COLUMNS, IMPORT_SOURCES, type ImportField, type ImportSource } from "./csv-values";

/** A field as a person reads it. */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  externalId: "External id",
  name: "Deal name",
  accountName: "Account name",
  amount: "Amount",
  currency: "Currency",
  closeDate: "Close date",
  stage: "Stage",
  ownerEmail: "Owner's e-mail",
  owner: "Owner (name or e-mail)",
  type: "Type",
  nextStep: "Next step",
  nextStepDue: "Next step due date",
};

/** Without a column for each of these no row could be imported: a file without one is refused whole. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ["externalId", "name", "accountName", "closeDate", "stage"];

const key = (name: string) => name.trim().toLowerCase();

/** The field a source's export puts in a column of this name, or null. */
export function defaultFieldOf(source: ImportSource, column: string): ImportField | null {
  const wanted = key(column);
  for (const [name, field] of Object.entries(DEFAULT_COLUMNS[source])) if (key(name) === wanted) return field;
  return null;
}

/** The source whose column names the header shares most (Stageline's own when none stands out). */
export function detectSource(header: string[]): ImportSource {
  let best: ImportSource = "stageline";
  let bestCount = 0;
  for (const source of IMPORT_SOURCES) {
    const count = header.filter((name) => defaultFieldOf(source, name) !== null).length;
    if (count > bestCount) {
      best = source;
      bestCount = count;
    }
  }
  return best;
}

/** Each column of the header with the field the source's export feeds from it (null: not imported). */
export const defaultColumns = (source: ImportSource, header: string[]): Record<string, ImportField | null> =>
  Object.fromEntries(header.map((name) => [name, defaultFieldOf(source, name)]));

/** The required fields no column feeds. */
export const missingFields = (columns: Record<string, ImportField | null>): ImportField[] =>
  REQUIRED_IMPORT_FIELDS.filter((field) => !Object.values(columns).includes(field));

type ReportRow = { row: number; outcome: string; id?: string; externalId?: string; errors?: { field: string; message: string }[] };

/** The report as CSV rows, a header first: one line per row, or per problem of a refused row. */
export function reportCsvRows(rows: ReportRow[]): string[][] {
  const out = [["row", "outcome", "id", "externalId", "field", "problem"]];
  for (const r of rows) {
    const base = [String(r.row), r.outcome, r.id ?? "", r.externalId ?? ""];
    if (r.errors?.length) for (const e of r.errors) out.push([...base, e.field, e.message]);
    else out.push([...base, "", ""]);
  }
  return out;
}
