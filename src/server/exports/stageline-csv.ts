// The Stageline CSV format (docs/rules/import.md, "Exporting"): the columns the import reads back
// with source `stageline`, taken from the import's own column list so the two cannot drift, one row
// per deal, and a cell that starts like a formula prefixed with `'` (the import takes it off again).
// Every export of deals writes it: the board, GET /opportunities with Accept: text/csv, and the
// dashboard's lists (with their figure's columns after these).
import Papa from "papaparse";
import { toCalendarDate } from "../../domain/dates";
import { DEFAULT_COLUMNS, FORMULA_START } from "../../domain/imports/csv-values";
import { fromCents } from "../../domain/money";
import type { Prisma } from "../../generated/prisma/client";
import { db } from "../db";

/** The import's Stageline column names, in their order: id, name, accountName, amount, currency, closeDate, stage, ownerEmail, owner, type, nextStep, nextStepDue. */
export const STAGELINE_COLUMNS = Object.keys(DEFAULT_COLUMNS.stageline) as (keyof (typeof DEFAULT_COLUMNS)["stageline"])[];
export type StagelineColumn = (typeof STAGELINE_COLUMNS)[number];
export type StagelineRow = Record<StagelineColumn, string | number>;

/** Rows read per statement while a file streams out. */
const PAGE = 1000;

const SELECT = {
  id: true,
  name: true,
  accountName: true,
  amountCents: true,
  currency: true,
  closeDate: true,
  stageKey: true,
  type: true,
  nextStep: true,
  nextStepDue: true,
  owner: { select: { email: true, name: true } },
} satisfies Prisma.OpportunitySelect;
type Selected = Prisma.OpportunityGetPayload<{ select: typeof SELECT }>;

/** A deal as the import reads it back: the stage by its key, the owner by e-mail (and name, for people), dates as YYYY-MM-DD. */
const toRow = (d: Selected): StagelineRow => ({
  id: d.id,
  name: d.name,
  accountName: d.accountName,
  amount: fromCents(BigInt(d.amountCents)),
  currency: d.currency,
  closeDate: toCalendarDate(d.closeDate),
  stage: d.stageKey,
  ownerEmail: d.owner.email,
  owner: d.owner.name,
  type: d.type,
  nextStep: d.nextStep,
  nextStepDue: d.nextStepDue ? toCalendarDate(d.nextStepDue) : "",
});

/** Rows as CSV lines (no header), formula cells protected; numbers are never prefixed (an amount is never negative). */
export const csvLines = (rows: Record<string, unknown>[], columns: readonly string[]): string =>
  Papa.unparse(rows, { columns: [...columns], header: false, escapeFormulae: FORMULA_START });

const headerLine = (columns: readonly string[]) => Papa.unparse({ fields: [...columns], data: [] }).trimEnd();

/** The deals as a Stageline CSV, whole (a list already bounded), in the given order, with extra columns after the import's. */
export async function stagelineCsvOf(
  ids: string[],
  extra: { columns: string[]; values: (id: string) => Record<string, unknown> } = { columns: [], values: () => ({}) },
): Promise<string> {
  const found = ids.length > 0 ? await db().opportunity.findMany({ where: { id: { in: ids } }, select: SELECT }) : [];
  const byId = new Map(found.map((d) => [d.id, d]));
  const rows = ids.flatMap((id) => {
    const deal = byId.get(id);
    return deal ? [{ ...toRow(deal), ...extra.values(id) }] : [];
  });
  const columns = [...STAGELINE_COLUMNS, ...extra.columns];
  return rows.length > 0 ? `${headerLine(columns)}\r\n${csvLines(rows, columns)}` : headerLine(columns);
}

/** Every deal matching `where` (which must hold the caller's visibility), newest first, read a page at a time. */
export async function* stagelineCsvChunks(where: Prisma.OpportunityWhereInput, pageSize = PAGE): AsyncGenerator<string> {
  yield headerLine(STAGELINE_COLUMNS);
  let cursor: string | undefined;
  for (;;) {
    const page = await db().opportunity.findMany({
      where,
      select: SELECT,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length > 0) yield `\r\n${csvLines(page.map(toRow), STAGELINE_COLUMNS)}`;
    if (page.length < pageSize) return;
    cursor = page[page.length - 1]!.id;
  }
}

/** A CSV download streamed from its chunks, never stored by a cache. */
export function csvDownload(chunks: AsyncIterable<string>, fileName: string): Response {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** A file name with the day it was made: stageline-board-2026-12-03.csv. */
export const datedFileName = (what: string, now = new Date()) => `stageline-${what}-${toCalendarDate(now)}.csv`;
