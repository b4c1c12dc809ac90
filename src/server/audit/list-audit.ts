// Reading the audit log (admins only, docs/rules/audit.md): entries newest first, filtered, a page at
// a time for the API and the page, or every matching entry as CSV. Nothing here writes.
import Papa from "papaparse";
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import type { AuditAction, AuditObjectType } from "../../domain/audit/actions";
import { changedFields } from "../../domain/audit/diff";
import { fromCalendarDate } from "../../domain/dates";
import type { AuditEntryResponse, AuditFilters, ListAuditQuery } from "../../schemas/audit";
import { database, type Sql } from "../db";
import { decodeCursor, pageOf } from "../list-cursor";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows read per statement while a CSV streams out. */
const CSV_PAGE = 1000;

/** `%` and `_` typed in the "who" filter are matched as themselves. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered(q: Sql, f: AuditFilters) {
  let query = q.selectFrom("AuditEntry").selectAll();
  if (f.actor) query = query.where(sql<boolean>`"actorEmail" ILIKE ${likePattern(f.actor)}`);
  if (f.actorId) query = query.where("actorId", "=", f.actorId);
  if (f.action) query = query.where("action", "=", f.action);
  if (f.objectType) query = query.where("objectType", "=", f.objectType);
  if (f.objectId) query = query.where("objectId", "=", f.objectId);
  if (f.from) query = query.where("at", ">=", fromCalendarDate(f.from));
  if (f.to) query = query.where("at", "<", new Date(fromCalendarDate(f.to).getTime() + DAY_MS));
  return query.orderBy("at", "desc").orderBy("id", "desc");
}

type Row = Awaited<ReturnType<ReturnType<typeof filtered>["execute"]>>[number];

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

// Written only through recordAudit, which takes the actions and kinds of objects the schema lists.
const toResponse = (r: Row): AuditEntryResponse => ({
  id: r.id,
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorEmail: r.actorEmail,
  action: r.action as AuditAction,
  objectType: r.objectType as AuditObjectType,
  objectId: r.objectId,
  clientAddress: r.clientAddress,
  before: asRecord(r.before),
  after: asRecord(r.after),
});

/** One page of entries matching the filters, newest first. */
export async function listAuditEntries(actor: Actor, query: ListAuditQuery): Promise<{ items: AuditEntryResponse[]; nextCursor: string | null }> {
  assertCan(actor, "audit.view");
  let rows = filtered(database().sql, query).limit(query.limit + 1);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    rows = rows.where(sql<boolean>`("at", "id") < (${at}, ${id})`);
  }
  const { page, nextCursor } = pageOf(await rows.execute(), query.limit, (r) => ({ createdAt: r.at, id: r.id }));
  return { items: page.map(toResponse), nextCursor };
}

export const AUDIT_CSV_COLUMNS = [
  "at",
  "actorEmail",
  "actorId",
  "action",
  "objectType",
  "objectId",
  "clientAddress",
  "changes",
  "before",
  "after",
] as const;

/** The changed fields in one cell: `field: before → after`, one per line. */
export const changesText = (e: Pick<AuditEntryResponse, "before" | "after">) =>
  changedFields(e.before, e.after)
    .map((c) => `${c.field}: ${c.before ?? "(none)"} → ${c.after ?? "(none)"}`)
    .join("\n");

const csvRow = (e: AuditEntryResponse) => ({
  ...e,
  changes: changesText(e),
  before: e.before === null ? "" : JSON.stringify(e.before),
  after: e.after === null ? "" : JSON.stringify(e.after),
});

/**
 * Every entry matching the filters, newest first, as CSV chunks (header first). A cell that starts like
 * a formula is quoted so a spreadsheet shows it as text: an e-mail typed at sign-in is anyone's text.
 * The actor is checked at once, before anything streams.
 */
export function auditCsvChunks(actor: Actor, filters: AuditFilters, pageSize = CSV_PAGE): AsyncIterable<string> {
  assertCan(actor, "audit.view");
  return csvChunks(filters, pageSize);
}

async function* csvChunks(filters: AuditFilters, pageSize: number): AsyncGenerator<string> {
  yield Papa.unparse({ fields: [...AUDIT_CSV_COLUMNS], data: [] }).trimEnd();
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    let rows = filtered(database().sql, filters).limit(pageSize);
    if (after) rows = rows.where(sql<boolean>`("at", "id") < (${after.at}, ${after.id})`);
    const page = await rows.execute();
    if (page.length > 0)
      yield `\r\n${Papa.unparse(page.map(toResponse).map(csvRow), { columns: [...AUDIT_CSV_COLUMNS], header: false, escapeFormulae: true })}`;
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    after = { at: last.at, id: last.id };
  }
}
