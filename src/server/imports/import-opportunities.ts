// Imports deals from a CSV file as Salesforce, HubSpot or Stageline export them (docs/rules/import.md).
// The file is streamed: rows are read, checked and written a batch at a time, each batch in one
// transaction. A deal is found again by (source, external id), so importing the same file twice
// writes nothing the second time. New deals are inserted in their stage as data; changed ones change
// through changeOpportunity. Either way their history says `imported`: no exit criteria are checked,
// and no message is queued (no webhook, Slack post or e-mail), whatever the row changes.
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan, can, canImportFor } from "../../auth/authorize";
import type { Role } from "../../auth/permissions";
import { daysBetween, fromCalendarDate, toCalendarDate, type CalendarDate } from "../../domain/dates";
import {
  DEFAULT_COLUMNS,
  DEFAULT_STAGES,
  parseImportAmount,
  parseImportDate,
  parseImportType,
  stageToken,
  type DecimalMark,
  type ImportField,
  type ImportSource,
  unprotectCell,
} from "../../domain/imports/csv-values";
import { IMPORT_FIELD_LABELS, REQUIRED_IMPORT_FIELDS } from "../../domain/imports/import-plan";
import { fromCents, toCents } from "../../domain/money";
import { unstorableReason } from "../../domain/text";
import type { ProcessVersion } from "../../domain/process/process-version";
import { AppError } from "../../errors";
import { Currency, requiredName, text } from "../../schemas/common";
import type { ImportMapping, ImportRowReport } from "../../schemas/imports";
import { isDataRefusal } from "../../http/error-response";
import { database, type Sql, type Tx } from "../db";
import { historyInsert } from "../history/record-history";
import { newId } from "../ids";
import { log } from "../ops/log";
import { changeOpportunity } from "../opportunities/change-opportunity";
import type { OpportunityChanges } from "../opportunities/write-versioned";
import { getProcessVersion, getProcessVersionForType } from "../process/get-process-version";
import { readCsv } from "./read-csv";
import { type ImportSummary, RowSpool, type SpooledReport } from "./report-spool";

export const IMPORT_NOTE =
  "Imported deals are placed in their stage as data: each is recorded in its history as imported, not as a move, and no exit criteria are checked.";

const MB = 1024 * 1024;
/** Largest file an import reads (IMPORT_MAX_BYTES, 50 MB by default). */
export const maxImportBytes = () => Number(process.env.IMPORT_MAX_BYTES) || 50 * MB;
/** Most rows an import reads, the header aside (IMPORT_MAX_ROWS, 200,000 by default). */
export const maxImportRows = () => Number(process.env.IMPORT_MAX_ROWS) || 200_000;
/** The refusal of a file over the limit, with its size when known. */
export const importFileTooLarge = (size?: number) => {
  const limit = `${Math.floor(maxImportBytes() / MB)} MB`;
  const what =
    size === undefined
      ? `The file is over ${limit}, the most an import takes.`
      : `The file is ${(size / MB).toFixed(1)} MB; an import takes files up to ${limit}.`;
  return new AppError("PAYLOAD_TOO_LARGE", `${what} Split it into smaller files.`);
};
/** Rows written in one transaction. */
export const IMPORT_BATCH = 500;

/** How far an import is: rows read and checked (and written, unless a dry run) of the file's rows. */
export type ImportProgress = { rowsDone: number; rowsTotal: number };

export type ImportInput = {
  file: Blob;
  source: ImportSource;
  dryRun: boolean;
  mapping: ImportMapping;
  /** Told once the file is counted and its columns are known (0 rows done), then after each batch. */
  onProgress?: (progress: ImportProgress) => void;
};

type Json = string | number | null;
type Problem = { field: string; message: string };
type User = { id: string; email: string; name: string; role: Role; teamId: string | null; active: boolean };

/** What a row says, in the app's terms: only the fields the file has a column for. */
type Values = {
  name?: string;
  accountName?: string;
  amount?: number;
  currency?: string;
  closeDate?: CalendarDate;
  type?: "new" | "expansion";
  nextStep?: string;
  nextStepDue?: CalendarDate | null;
};
type Candidate = { row: number; externalId: string; values: Values; stage: string; owner: User | null; problems: Problem[] };

/** An existing deal as the import compares it. */
type Existing = {
  id: string;
  version: number;
  externalId: string | null;
  name: string;
  accountName: string;
  amountCents: bigint | string | number;
  currency: string;
  closeDate: Date;
  originalCloseDate: Date;
  closeDatePushes: number;
  stageKey: string;
  status: string;
  closedAt: Date | null;
  ownerId: string;
  ownerTeamId: string | null;
  type: "new" | "expansion";
  nextStep: string;
  nextStepDue: Date | null;
  processVersionId: string;
};

/** Which columns hold which field, from the header, the source's defaults and the mapping. */
function planColumns(header: string[], source: ImportSource, mapping: ImportMapping): Map<ImportField, number[]> {
  const byName = new Map<string, ImportField | null>();
  const key = (name: string) => name.trim().toLowerCase();
  for (const [name, field] of Object.entries(DEFAULT_COLUMNS[source])) byName.set(key(name), field);
  for (const [name, field] of Object.entries(mapping.columns ?? {})) byName.set(key(name), field);
  const plan = new Map<ImportField, number[]>();
  header.forEach((name, index) => {
    const field = byName.get(key(name));
    if (field) plan.set(field, [...(plan.get(field) ?? []), index]);
  });
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !plan.has(f));
  if (missing.length > 0) {
    const defaults = Object.entries(DEFAULT_COLUMNS[source]);
    throw new AppError("VALIDATION_FAILED", "The file lacks columns every row needs.", {
      fields: missing.map((f) => ({
        field: `file.${f}`,
        message: `no column for the ${IMPORT_FIELD_LABELS[f].toLowerCase()} (${defaults.find(([, v]) => v === f)?.[0] ?? f}); name it in mapping.columns`,
      })),
    });
  }
  return plan;
}

/** How an owner's name or e-mail address is compared: without regard to case or surrounding spaces. */
const ownerKey = (written: string) => written.trim().toLowerCase();

/** Owners by e-mail and by name, among all users, each as ownerKey reads it. */
function ownerIndex(users: User[]) {
  const byEmail = new Map(users.map((u) => [ownerKey(u.email), u]));
  const byName = new Map<string, User[]>();
  for (const u of users) byName.set(ownerKey(u.name), [...(byName.get(ownerKey(u.name)) ?? []), u]);
  return { byEmail, byName };
}

/**
 * Imports (or, on a dry run, checks) the file. The report's rows are spooled to a temporary file as
 * the batches finish (./report-spool.ts); the caller streams them, then disposes of the report.
 */
export async function importOpportunities(actor: Actor, input: ImportInput, now = new Date()): Promise<SpooledReport> {
  assertCan(actor, "opportunity.import");
  const { file, source, dryRun, mapping, onProgress } = input;
  if (file.size > maxImportBytes()) throw importFileTooLarge(file.size);
  // Counted before anything is written: a file over the limit is refused whole, not half imported.
  const rowsTotal = await countRows(file);

  const q = database().sql;
  const users = (await q.selectFrom("User").select(["id", "email", "name", "role", "teamId", "active"]).execute()) as User[];
  const owners = ownerIndex(users);
  // The owner of a new deal whose row names none: the importer, if they may own deals.
  const self = users.find((u) => u.id === actor.id);
  const importer = self && canImportFor(actor, self) ? self : null;
  const ownerMap = new Map(Object.entries(mapping.owners ?? {}).map(([k, v]) => [ownerKey(k), v]));
  // A new deal follows the process tied to its type, else the default one (docs/rules/sales-process.md#versions).
  const forType = { new: await getProcessVersionForType(q, "new"), expansion: await getProcessVersionForType(q, "expansion") };
  const newDealProcess = (c: Candidate) => forType[c.values.type ?? "new"];
  const processes = new Map<string, ProcessVersion>(Object.values(forType).map((p) => [p.id, p]));
  // Read on the caller's connection: inside a batch's transaction on the embedded database, the only one.
  const processOf = async (q: Sql, id: string) => {
    const known = processes.get(id);
    if (known) return known;
    const process = await getProcessVersion(q, id);
    processes.set(id, process);
    return process;
  };
  const stageMap = new Map<string, string>();
  for (const [k, v] of Object.entries(DEFAULT_STAGES[source])) stageMap.set(stageToken(k), v);
  for (const [k, v] of Object.entries(mapping.stages ?? {})) stageMap.set(stageToken(k), v);

  const { delimiter, records } = await readCsv(file);
  const decimal: DecimalMark = mapping.decimal ?? (delimiter === ";" ? "," : ".");
  const dateOrder = mapping.dates ?? "mdy";
  const report: ImportSummary = {
    source,
    dryRun,
    created: 0,
    updated: 0,
    unchanged: 0,
    refused: 0,
    unknownStages: [],
    unknownOwners: [],
    note: IMPORT_NOTE,
  };
  const seen = new Map<string, number>();
  // The stages and owners, as the file writes them, that matched nothing: what the mapping should name.
  const unknownStages = new Map<string, number>();
  const unknownOwners = new Map<string, number>();
  const tally = (counts: Map<string, number>, value: string) => counts.set(value, (counts.get(value) ?? 0) + 1);

  const spool = new RowSpool();
  /** A batch's outcomes, once it is written (or checked): counted, and spooled in the file's order. */
  const record = async (entries: ImportRowReport[]) => {
    entries.sort((a, b) => a.row - b.row);
    for (const entry of entries) report[entry.outcome] += 1;
    await spool.append(entries);
  };

  function resolveOwner(cells: (f: ImportField) => string, problems: Problem[]): User | null {
    const email = cells("ownerEmail");
    const named = cells("owner");
    const written = email || named;
    // No owner: a new deal is the importer's, an existing one keeps its owner (decided with the deal).
    if (!written) return null;
    const mapped = ownerMap.get(ownerKey(written));
    let found: User | undefined;
    if (mapped || written.includes("@")) found = owners.byEmail.get(ownerKey(mapped ?? written));
    else {
      // A spreadsheet or another CRM may write a name in other capitals ("RITA REP") than the user's.
      const same = owners.byName.get(ownerKey(written)) ?? [];
      if (same.length > 1) {
        tally(unknownOwners, written);
        problems.push({ field: "owner", message: `several users are named "${written}": map it to an e-mail address in mapping.owners` });
        return null;
      }
      found = same[0];
    }
    if (!found) {
      tally(unknownOwners, written);
      problems.push({ field: "owner", message: `unknown owner "${written}": no user has this e-mail address or name` });
    } else if (!found.active) problems.push({ field: "owner", message: `the owner "${written}" is deactivated` });
    else if (!canImportFor(actor, found)) problems.push({ field: "owner", message: `you may not import deals for "${written}"` });
    else return found;
    return null;
  }

  function readRow(plan: Map<ImportField, number[]>, row: number, raw: string[]): Candidate {
    const problems: Problem[] = [];
    const cells = (f: ImportField) => {
      for (const i of plan.get(f) ?? []) {
        // A cell an export protected from spreadsheets' formulas ('=…) reads as it was written (=…).
        const v = unprotectCell(raw[i]?.trim() ?? "");
        if (v === "") continue;
        const unstorable = unstorableReason(v);
        if (!unstorable) return v;
        problems.push({ field: f, message: unstorable });
        return "";
      }
      return "";
    };
    const has = (f: ImportField) => plan.has(f);
    const values: Values = {};
    const externalId = cells("externalId");
    if (!externalId) problems.push({ field: "externalId", message: "missing: the row needs its id in the source" });
    else if (externalId.length > 200) problems.push({ field: "externalId", message: "longer than 200 characters" });
    for (const field of ["name", "accountName"] as const) {
      const parsed = requiredName(200).safeParse(cells(field));
      if (parsed.success) values[field] = parsed.data;
      else
        problems.push({
          field,
          message: parsed.error.issues[0]?.message === "required" ? "missing" : (parsed.error.issues[0]?.message ?? "not valid"),
        });
    }
    if (has("amount")) {
      const amount = parseImportAmount(cells("amount"), decimal);
      if (amount.ok) values.amount = amount.value;
      else problems.push({ field: "amount", message: amount.message });
    }
    if (has("currency") || mapping.currency) {
      const parsed = Currency.safeParse((cells("currency") || mapping.currency || "USD").toUpperCase());
      if (parsed.success) values.currency = parsed.data;
      else problems.push({ field: "currency", message: `"${cells("currency")}" is not an ISO 4217 currency code` });
    }
    const closeDate = parseImportDate(cells("closeDate"), dateOrder);
    if (!closeDate.ok) problems.push({ field: "closeDate", message: closeDate.message });
    else if (closeDate.value === null) problems.push({ field: "closeDate", message: "missing" });
    else values.closeDate = closeDate.value;
    const stage = cells("stage");
    if (!stage) problems.push({ field: "stage", message: "missing" });
    if (has("type")) {
      const type = parseImportType(cells("type"));
      if (type.ok) values.type = type.value;
      else problems.push({ field: "type", message: type.message });
    }
    if (has("nextStep")) {
      const parsed = text(500).safeParse(cells("nextStep"));
      if (parsed.success) values.nextStep = parsed.data;
      else problems.push({ field: "nextStep", message: parsed.error.issues[0]?.message ?? "not valid" });
    }
    if (has("nextStepDue")) {
      const due = parseImportDate(cells("nextStepDue"), dateOrder);
      if (due.ok) values.nextStepDue = due.value;
      else problems.push({ field: "nextStepDue", message: due.message });
    }
    const owner = resolveOwner(cells, problems);
    // One problem per field: the first (a NUL character, rather than "missing" after it).
    return { row, externalId, values, stage, owner, problems: problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i) };
  }

  /** The stage key a row's stage names in this process, or null. */
  function stageIn(process: ProcessVersion, written: string): string | null {
    const token = stageToken(written);
    const mapped = stageMap.get(token);
    const stage = process.stages.find((s) => (mapped ? s.key === mapped : stageToken(s.key) === token || stageToken(s.name) === token));
    return stage?.key ?? null;
  }

  async function runBatch(batch: Candidate[]) {
    // The batch's outcomes reach the report once it is written: a batch the database refuses writes
    // nothing, so none of its rows may then be reported as created or updated.
    const outcomes: ImportRowReport[] = [];
    const add = (entry: ImportRowReport) => void outcomes.push(entry);
    // A row refused for one reason, named by the field it is about.
    const refuse = (c: Candidate, field: string, message: string) =>
      add({ row: c.row, outcome: "refused", externalId: c.externalId, errors: [{ field, message }] });
    const keys = batch.filter((c) => c.problems.length === 0).map((c) => c.externalId);
    const work = async (q: Sql) => {
      const existing = keys.length ? await findExisting(q, source, keys) : new Map<string, Existing>();
      const creates: { candidate: Candidate; stage: string; kind: string; process: ProcessVersion }[] = [];
      const updates: { candidate: Candidate; deal: Existing; process: ProcessVersion }[] = [];
      for (const c of batch) {
        if (c.problems.length > 0) {
          // Refused already; its stage is still worth naming if no stage of the process matches it.
          if (c.stage && !stageIn(newDealProcess(c), c.stage)) tally(unknownStages, c.stage);
          add({ row: c.row, outcome: "refused", ...(c.externalId ? { externalId: c.externalId } : {}), errors: c.problems });
          continue;
        }
        const first = seen.get(c.externalId);
        if (first !== undefined) {
          refuse(c, "externalId", `the same id as row ${first}`);
          continue;
        }
        seen.set(c.externalId, c.row);
        const deal = existing.get(c.externalId);
        const process = deal ? await processOf(q, deal.processVersionId) : newDealProcess(c);
        const stage = stageIn(process, c.stage);
        if (!stage) {
          tally(unknownStages, c.stage);
          refuse(c, "stage", `unknown stage "${c.stage}" in the process ${process.name}: map it in mapping.stages`);
          continue;
        }
        if (!deal) {
          const owner = c.owner ?? importer;
          if (owner) creates.push({ candidate: { ...c, owner }, stage, kind: process.stages.find((s) => s.key === stage)!.kind, process });
          else refuse(c, "owner", "missing: name the deal's owner");
          continue;
        }
        if (!can(actor, "opportunity.import", { ownerId: deal.ownerId, ownerTeamId: deal.ownerTeamId })) {
          refuse(c, "externalId", "a deal with this id exists and you may not change it");
          continue;
        }
        updates.push({ candidate: { ...c, stage }, deal, process });
      }
      return { creates, updates };
    };

    if (dryRun) {
      const { creates, updates } = await work(database().sql);
      for (const { candidate: c } of creates) add({ row: c.row, outcome: "created", externalId: c.externalId });
      for (const { candidate: c, deal, process } of updates) {
        const changes = diff(deal, c, process);
        add({ row: c.row, outcome: changes ? "updated" : "unchanged", id: deal.id, externalId: c.externalId });
      }
      await record(outcomes);
      return;
    }

    try {
      await database().transaction(async (tx) => {
        const { creates, updates } = await work(tx);
        const created = await insertDeals(tx, creates, source, actor, now);
        for (const { candidate: c } of creates) {
          const id = created.get(c.externalId);
          if (id) add({ row: c.row, outcome: "created", id, externalId: c.externalId });
          else refuse(c, "externalId", "another import created this deal at the same time: import the file again");
        }
        for (const { candidate: c, deal, process } of updates) {
          // Read in this transaction: a row that says what the deal says is not sent down the write path.
          if (!diff(deal, c, process)) {
            add({ row: c.row, outcome: "unchanged", id: deal.id, externalId: c.externalId });
            continue;
          }
          try {
            const changed = await updateDeal(tx, actor, deal, c, source, now);
            add({ row: c.row, outcome: changed ? "updated" : "unchanged", id: deal.id, externalId: c.externalId });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            add({ row: c.row, outcome: "refused", id: deal.id, externalId: c.externalId, errors: problemsOf(error) });
          }
        }
      });
    } catch (error) {
      // The database itself refused what the batch writes (a value or a constraint the row checks do
      // not know): the transaction wrote nothing, the batches before it stay, and the import goes on.
      // Anything else (the database gone, a fault of ours) stops the import as an error.
      if (!isDataRefusal(error)) throw error;
      const [first, last] = [batch[0]!.row, batch.at(-1)!.row];
      log().warn({ err: error, rows: [first, last] }, "The database refused an import's batch");
      const reason = {
        field: "(batch)",
        message: `not written: the database refused rows ${first} to ${last}, which are written together (${(error as Error).message}); none of them was written`,
      };
      // A row refused for its own reason keeps it; every other row of the batch is refused with the batch.
      const own = new Map(outcomes.filter((o) => o.outcome === "refused").map((o) => [o.row, o]));
      outcomes.length = 0;
      for (const c of batch)
        add(own.get(c.row) ?? { row: c.row, outcome: "refused", ...(c.externalId ? { externalId: c.externalId } : {}), errors: [reason] });
    }
    await record(outcomes);
  }

  let plan: Map<ImportField, number[]> | null = null;
  let batch: Candidate[] = [];
  let rowsDone = 0;
  const flush = async () => {
    await runBatch(batch);
    rowsDone += batch.length;
    batch = [];
    onProgress?.({ rowsDone, rowsTotal });
  };
  try {
    for await (const { row, cells } of records) {
      if (!plan) {
        plan = planColumns(cells, source, mapping);
        onProgress?.({ rowsDone, rowsTotal });
        continue;
      }
      batch.push(readRow(plan, row, cells));
      if (batch.length >= IMPORT_BATCH) await flush();
    }
    if (!plan) throw new AppError("VALIDATION_FAILED", "The file is empty.", { fields: [{ field: "file", message: "no header line" }] });
    if (batch.length > 0) await flush();
  } catch (error) {
    await spool.dispose();
    throw error;
  }
  const byRows = (counts: Map<string, number>) =>
    [...counts].map(([value, rows]) => ({ value, rows })).sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value));
  report.unknownStages = byRows(unknownStages);
  report.unknownOwners = byRows(unknownOwners);
  return { summary: report, rows: () => spool.read(), dispose: () => spool.dispose() };
}

/** The file's rows of data (the header aside), refused whole over the limit. */
async function countRows(file: Blob): Promise<number> {
  const limit = maxImportRows();
  let rows = -1; // the header is not a row of data
  const { records } = await readCsv(file);
  for await (const _ of records) {
    rows += 1;
    if (rows > limit)
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `The file has more than ${limit.toLocaleString("en-US")} rows; an import takes up to ${limit.toLocaleString("en-US")}. Split it into smaller files.`,
      );
  }
  return Math.max(rows, 0);
}

const problemsOf = (error: AppError): Problem[] => {
  const fields = (error.details as { fields?: Problem[] } | undefined)?.fields;
  return fields?.length ? fields : [{ field: "(row)", message: error.message }];
};

/** The deals the batch's ids name, by (source, external id); for Stageline's own files also by the deal's id. */
async function findExisting(q: Sql, source: ImportSource, keys: string[]): Promise<Map<string, Existing>> {
  const rows = await q
    .selectFrom("Opportunity as o")
    .innerJoin("User as u", "u.id", "o.ownerId")
    .select([
      "o.id",
      "o.version",
      "o.externalId",
      "o.externalSource",
      "o.name",
      "o.accountName",
      "o.amountCents",
      "o.currency",
      "o.closeDate",
      "o.originalCloseDate",
      "o.closeDatePushes",
      "o.stageKey",
      "o.status",
      "o.closedAt",
      "o.ownerId",
      "u.teamId as ownerTeamId",
      "o.type",
      "o.nextStep",
      "o.nextStepDue",
      "o.processVersionId",
    ])
    .where((eb) => {
      // One array parameter rather than a parameter per key: the unique index is used either way, and
      // the statement stays small for a batch of 500.
      const byExternal = eb.and([eb("o.externalSource", "=", source), sql<boolean>`o."externalId" = ANY(${keys}::text[])`]);
      return source === "stageline" ? eb.or([byExternal, sql<boolean>`o."id" = ANY(${keys}::text[])`]) : byExternal;
    })
    .execute();
  const found = new Map<string, Existing>();
  // A Stageline id names the deal itself first; a deal imported from a Stageline file of another server is found by its external id.
  for (const r of rows) if (r.externalSource === source && r.externalId) found.set(r.externalId, r as Existing);
  if (source === "stageline") for (const r of rows) if (keys.includes(r.id)) found.set(r.id, r as Existing);
  return found;
}

/** What the row changes on the deal, field by field in the API's terms, or null when nothing differs. */
function diff(deal: Existing, c: Candidate, process: ProcessVersion): Record<string, { from: Json; to: Json }> | null {
  const v = c.values;
  const changes: Record<string, { from: Json; to: Json }> = {};
  const compare = (field: string, from: Json, to: Json | undefined) => {
    if (to !== undefined && from !== to) changes[field] = { from, to };
  };
  compare("name", deal.name, v.name);
  compare("accountName", deal.accountName, v.accountName);
  compare("amount", fromCents(BigInt(deal.amountCents)), v.amount);
  compare("currency", deal.currency, v.currency);
  compare("closeDate", toCalendarDate(deal.closeDate), v.closeDate);
  compare("type", deal.type, v.type);
  compare("nextStep", deal.nextStep, v.nextStep);
  compare("nextStepDue", deal.nextStepDue ? toCalendarDate(deal.nextStepDue) : null, v.nextStepDue);
  if (c.owner) compare("ownerId", deal.ownerId, c.owner.id);
  if (process.stages.some((s) => s.key === c.stage)) compare("stage", deal.stageKey, c.stage);
  return Object.keys(changes).length > 0 ? changes : null;
}

const statusOf = (kind: string) => (kind === "won" ? "won" : kind === "lost" ? "lost" : "open");

/** New deals, in one statement, each with its `imported` history entry. Answers external id → new deal id. */
async function insertDeals(
  tx: Tx,
  creates: { candidate: Candidate; stage: string; kind: string; process: ProcessVersion }[],
  source: ImportSource,
  actor: Actor,
  now: Date,
): Promise<Map<string, string>> {
  if (creates.length === 0) return new Map();
  const rows = creates.map(({ candidate: c, stage, kind, process }) => {
    const v = c.values;
    const closeDate = fromCalendarDate(v.closeDate!);
    const status = statusOf(kind);
    return {
      id: newId(),
      name: v.name!,
      accountName: v.accountName!,
      amountCents: toCents(v.amount ?? 0),
      currency: v.currency ?? "USD",
      closeDate,
      originalCloseDate: closeDate,
      type: v.type ?? "new",
      ownerId: c.owner!.id,
      processVersionId: process.id,
      stageKey: stage,
      stageEnteredAt: now,
      status,
      // A deal imported closed closed on its close date: the dashboard counts it in that period.
      closedAt: status === "open" ? null : closeDate,
      nextStep: v.nextStep ?? "",
      nextStepDue: v.nextStepDue ? fromCalendarDate(v.nextStepDue) : null,
      externalSource: source,
      externalId: c.externalId,
      createdAt: now,
      updatedAt: now,
    } as const;
  });
  const inserted = await tx
    .insertInto("Opportunity")
    .values(rows)
    .onConflict((oc) => oc.columns(["externalSource", "externalId"]).doNothing())
    .returning(["id", "externalId"])
    .execute();
  const ids = new Map(inserted.map((r) => [r.externalId!, r.id]));
  const written = rows.filter((r) => ids.get(r.externalId) === r.id);
  if (written.length > 0)
    await historyInsert(
      tx,
      written.map((r) => ({
        opportunityId: r.id,
        type: "imported" as const,
        actorId: actor.id,
        at: now,
        toStage: r.stageKey,
        details: JSON.stringify({
          action: "created",
          source,
          externalId: r.externalId,
          name: r.name,
          accountName: r.accountName,
          amount: fromCents(r.amountCents),
          closeDate: toCalendarDate(r.closeDate),
          ownerId: r.ownerId,
        }),
      })),
    ).execute();
  return ids;
}

/** Changes an existing deal to what the row says, through the write path; false when nothing differed. */
async function updateDeal(tx: Tx, actor: Actor, deal: Existing, c: Candidate, source: ImportSource, now: Date): Promise<boolean> {
  return changeOpportunity(
    actor,
    { id: deal.id, version: deal.version },
    ({ row, process }) => {
      const current: Existing = { ...deal, ...row, ownerTeamId: row.owner.teamId };
      const changes = diff(current, c, process);
      if (!changes) return null;
      const v = c.values;
      let columns: OpportunityChanges = {};
      const writes: ((tx: Tx) => Promise<unknown>)[] = [];
      if (changes.name) columns.name = v.name;
      if (changes.accountName) columns.accountName = v.accountName;
      if (changes.amount) columns.amountCents = toCents(v.amount!);
      if (changes.currency) columns.currency = v.currency;
      if (changes.type) columns.type = v.type;
      if (changes.nextStep) columns.nextStep = v.nextStep;
      if (changes.nextStepDue) columns.nextStepDue = v.nextStepDue ? fromCalendarDate(v.nextStepDue) : null;
      if (changes.ownerId) columns.ownerId = c.owner!.id;
      if (changes.closeDate) {
        const oldDate = toCalendarDate(row.closeDate);
        const newDate = v.closeDate!;
        const slipDays = daysBetween(oldDate, newDate);
        columns = {
          ...columns,
          closeDate: fromCalendarDate(newDate),
          closeDatePushes: row.closeDatePushes + (slipDays > 0 ? 1 : 0),
          closeDateSlipDays: Math.max(0, daysBetween(toCalendarDate(row.originalCloseDate), newDate)),
        };
        writes.push((tx) =>
          tx
            .insertInto("CloseDateChange")
            .values({
              id: newId(),
              opportunityId: deal.id,
              oldDate: fromCalendarDate(oldDate),
              newDate: fromCalendarDate(newDate),
              slipDays,
              reason: `Imported from ${source}`,
              changedById: actor.id,
              changedAt: now,
            })
            .execute(),
        );
      }
      let stage: { fromStage: string; toStage: string; secondsInStage: number } | undefined;
      if (changes.stage) {
        const status = statusOf(process.stages.find((s) => s.key === c.stage)!.kind);
        const closeDate = columns.closeDate ?? row.closeDate;
        columns = {
          ...columns,
          stageKey: c.stage,
          stageEnteredAt: now,
          status,
          closedAt: status === "open" ? null : row.status === status && row.closedAt ? row.closedAt : closeDate,
        };
        stage = {
          fromStage: row.stageKey,
          toStage: c.stage,
          secondsInStage: Math.max(0, Math.round((now.getTime() - new Date(row.stageEnteredAt).getTime()) / 1000)),
        };
      }
      return {
        columns,
        write: async (tx) => void (await Promise.all(writes.map((w) => w(tx)))),
        history: [{ type: "imported", ...stage, details: { action: "updated", source, externalId: c.externalId, changes } }],
      };
    },
    {
      tx,
      now,
      allowClosed: true,
      // Placed as data, like a created deal: no webhook, Slack post or e-mail (docs/rules/import.md).
      silent: true,
      authorize: (row) => {
        if (!can(actor, "opportunity.import", { ownerId: row.ownerId, ownerTeamId: row.owner.teamId }))
          throw new AppError("FORBIDDEN", "You may not change this opportunity.");
      },
      respond: async (_ctx, changed) => changed,
    },
  );
}
