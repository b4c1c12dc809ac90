// How a CSV cell becomes a deal's value, for the import (docs/rules/import.md): which column is which
// field for each source, how vendors' stages map to the process's stage keys, and how amounts and
// dates are read as the vendors and their users' locales write them. Pure: no database.
import { isCalendarDate, type CalendarDate } from "../dates";

export const IMPORT_SOURCES = ["salesforce", "hubspot", "stageline"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** The fields a column may be mapped to. */
export const IMPORT_FIELDS = [
  "externalId",
  "name",
  "accountName",
  "amount",
  "currency",
  "closeDate",
  "stage",
  "ownerEmail",
  "owner",
  "type",
  "nextStep",
  "nextStepDue",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column names as each source writes them (matched without regard to case or surrounding spaces). */
export const DEFAULT_COLUMNS: Record<ImportSource, Record<string, ImportField>> = {
  salesforce: {
    "Opportunity ID": "externalId",
    "Opportunity Name": "name",
    "Account Name": "accountName",
    Amount: "amount",
    "Opportunity Currency": "currency",
    "Amount Currency": "currency",
    "Close Date": "closeDate",
    Stage: "stage",
    "Opportunity Owner": "owner",
    "Owner Email": "ownerEmail",
    "Opportunity Owner: Email": "ownerEmail",
    Type: "type",
    "Next Step": "nextStep",
  },
  hubspot: {
    "Record ID": "externalId",
    "Deal ID": "externalId",
    "Deal Name": "name",
    "Associated Company": "accountName",
    "Associated Company (Primary)": "accountName",
    Amount: "amount",
    Currency: "currency",
    "Deal currency code": "currency",
    "Close Date": "closeDate",
    "Deal Stage": "stage",
    "Deal owner": "owner",
    "Deal Type": "type",
    "Next step": "nextStep",
  },
  // The app's own field names, as its export writes them.
  stageline: {
    id: "externalId",
    name: "name",
    accountName: "accountName",
    amount: "amount",
    currency: "currency",
    closeDate: "closeDate",
    stage: "stage",
    ownerEmail: "ownerEmail",
    owner: "owner",
    type: "type",
    nextStep: "nextStep",
    nextStepDue: "nextStepDue",
  },
};

/** A stage name or key as compared: lower case, letters and digits only ("Proposal/Price Quote" → "proposalpricequote"). */
export const stageToken = (value: string): string => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** Vendors' default stages → the stage keys of the shipped Standard B2B process. */
export const DEFAULT_STAGES: Record<ImportSource, Record<string, string>> = {
  salesforce: {
    Prospecting: "identify",
    Qualification: "qualify",
    "Needs Analysis": "qualify",
    "Value Proposition": "propose",
    "Id. Decision Makers": "propose",
    "Perception Analysis": "propose",
    "Proposal/Price Quote": "propose",
    "Negotiation/Review": "negotiate",
    "Closed Won": "closed_won",
    "Closed Lost": "closed_lost",
  },
  hubspot: {
    appointmentscheduled: "identify",
    qualifiedtobuy: "qualify",
    presentationscheduled: "propose",
    decisionmakerboughtin: "negotiate",
    contractsent: "finalize",
    closedwon: "closed_won",
    closedlost: "closed_lost",
  },
  stageline: {},
};

export type DateOrder = "mdy" | "dmy";
export type DecimalMark = "." | ",";

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A date as vendors write it: ISO (2026-03-31, with or without a time), D.M.YYYY (31.3.2026), and
 * slashed dates read month first (3/31/2026) or, with the "dmy" hint, day first (31/03/2026). A time
 * after the date is ignored. An empty cell is null.
 */
export function parseImportDate(raw: string, order: DateOrder): Parsed<CalendarDate | null> {
  const value = raw.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(am|pm)?\s*(z|[+-]\d{2}:?\d{2})?$/i, "");
  if (value === "") return { ok: true, value: null };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dots = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const slashes = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : dots
      ? [dots[3], dots[2], dots[1]]
      : slashes
        ? order === "mdy"
          ? [slashes[3], slashes[1], slashes[2]]
          : [slashes[3], slashes[2], slashes[1]]
        : [];
  const hint = order === "mdy" ? "M/D/YYYY" : "DD/MM/YYYY";
  if (!y || !m || !d) return { ok: false, message: `"${raw}" is not a date (YYYY-MM-DD, ${hint} or D.M.YYYY)` };
  const date = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  if (!isCalendarDate(date))
    return { ok: false, message: `"${raw}" is not a date in the calendar (read as ${value.includes("/") ? hint : "YYYY-MM-DD or D.M.YYYY"})` };
  return { ok: true, value: date };
}

/**
 * An amount as vendors and locales write it: thousands separators (`,` `.` space or `'`), a decimal
 * point or a decimal comma, a currency symbol or code around it. With both marks in the number the
 * last one is the decimal mark; with one kind only, `decimal` says which it is. At most two
 * decimals, never negative. An empty cell is 0.
 */
export function parseImportAmount(raw: string, decimal: DecimalMark): Parsed<number> {
  const bad = (why: string): Parsed<number> => ({ ok: false, message: `"${raw}" is not an amount: ${why}` });
  // Currency symbols and codes around the number go; spaces, no-break spaces and apostrophes group thousands.
  const stripped = raw.trim().replace(/^[\p{L}\p{Sc}\s]+|[\p{L}\p{Sc}\s]+$/gu, "");
  if (raw.trim() === "") return { ok: true, value: 0 };
  if (stripped.startsWith("-") || stripped.startsWith("(")) return bad("negative");
  const compact = stripped.replace(/[\s\u00a0\u202f']/g, "");
  if (!/^[\d.,]+$/.test(compact)) return bad("not a number");
  const lastDot = compact.lastIndexOf(".");
  const lastComma = compact.lastIndexOf(",");
  const mark: DecimalMark = lastDot >= 0 && lastComma >= 0 ? (lastDot > lastComma ? "." : ",") : decimal;
  const group = mark === "." ? "," : ".";
  const [whole = "", fraction, ...more] = compact.split(mark);
  if (more.length > 0) return bad(`more than one decimal mark "${mark}"`);
  const grouped = whole.includes(group);
  if (grouped ? !new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole) : !/^\d+$/.test(whole)) return bad("the thousands are not grouped by three");
  if (fraction !== undefined && !/^\d{1,2}$/.test(fraction)) return bad("at most two decimals");
  const value = Number(`${whole.replaceAll(group, "")}.${fraction ?? "0"}`);
  if (!Number.isFinite(value) || value > 1e13) return bad("too large");
  return { ok: true, value };
}

/** A deal type as vendors write it: new business, or existing business (an expansion). Empty is new. */
export function parseImportType(raw: string): Parsed<"new" | "expansion"> {
  const token = stageToken(raw);
  if (token === "" || token.startsWith("new")) return { ok: true, value: "new" };
  if (/^(existing|expansion|upsell|upgrade|renewal|crosssell)/.test(token)) return { ok: true, value: "expansion" };
  return { ok: false, message: `"${raw}" is not a deal type (new business, or existing business)` };
}

export type Delimiter = "," | ";" | "\t";

/** The separator the header line uses most, outside quotes; a comma when it uses none. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as Delimiter] += 1;
  }
  const [best] = (Object.entries(counts) as [Delimiter, number][]).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ",";
}

/**
 * A cell a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return), also behind apostrophes: the export prefixes such a cell with one `'`, so that a cell
 * that already started with `'` before a formula character keeps its own apostrophes and the import
 * can take exactly one off again.
 */
export const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A cell as the export protected it, back to what it was: one `'` off a cell that starts `'` then a formula character. */
export const unprotectCell = (cell: string): string => (/^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
