// CSV import throughput on one database (the one src/server/db.ts selects from the environment):
// POST /api/v1/imports (the real route handler, its multipart body streamed from a file) beside a
// plain batched INSERT of the same rows on the raw driver, in the same process on the same database.
// Also the import's memory: how far its JavaScript heap grows for a file a tenth as long, and for
// the whole file (the report it answers holds a line per row; the rows themselves are streamed). Run by scripts/bench.mjs (`npm run bench`); docs/performance.md explains the figures.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import * as imports from "@/app/api/v1/imports/route";
import { issueApiToken } from "@/src/auth/api-tokens";
import { prepareDatabase } from "@/src/server/boot/prepare-database";
import { closeDatabase, database, db, type ScriptRunner } from "@/src/server/db";
import { newId } from "@/src/server/ids";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const BATCH = 500;
const REPS = 20;
/** The goal of the CRM issue: the import at no less than a third of the plain INSERT's rate. */
const GOAL = 1 / 3;

const STAGES = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"];
const STAGE_KEYS: Record<string, string> = {
  Prospecting: "identify",
  Qualification: "qualify",
  "Proposal/Price Quote": "propose",
  "Negotiation/Review": "negotiate",
  "Closed Won": "closed_won",
  "Closed Lost": "closed_lost",
};
const HEADER = [
  "Opportunity ID",
  "Opportunity Name",
  "Account Name",
  "Amount",
  "Close Date",
  "Stage",
  "Opportunity Owner",
  "Owner Email",
  "Type",
  "Next Step",
];

/** A Salesforce-shaped export of `rows` deals, written a chunk at a time: ids prefixed by `prefix`. */
function writeExport(file: string, rows: number, prefix: string) {
  const out = fs.openSync(file, "w");
  fs.writeSync(out, `\uFEFF${Papa.unparse([HEADER])}\r\n`);
  for (let start = 0; start < rows; start += 5000) {
    const chunk = [];
    for (let i = start; i < Math.min(rows, start + 5000); i++) {
      const month = 1 + (i % 12);
      const day = 1 + (i % 28);
      chunk.push([
        `${prefix}${String(i).padStart(9, "0")}`,
        `Deal ${i}, renewal "${i % 7}"`,
        `Account ${i % 9973}`,
        (5000 + ((i * 7919) % 200_000)).toLocaleString("en-US", { minimumFractionDigits: 2 }),
        `${month}/${day}/2027`,
        STAGES[i % STAGES.length],
        `Rep ${i % REPS}`,
        `bench-rep-${i % REPS}@example.test`,
        i % 3 === 0 ? "Existing Business" : "New Business",
        i % 5 === 0 ? "" : "Call the buyer\nabout the order form",
      ]);
    }
    fs.writeSync(out, `${Papa.unparse(chunk, { newline: "\r\n" })}\r\n`);
  }
  fs.closeSync(out);
}

/**
 * Runs `fn`, sampling the JavaScript heap meanwhile; answers its result, seconds, and the heap's peak
 * above where it started, in MB (the resident size would count the embedded database's own memory,
 * which grows with the data it holds).
 */
async function measured<T>(fn: () => Promise<T>) {
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  try {
    const result = await fn();
    return { result, seconds: (performance.now() - started) / 1000, peakMb: Math.round(((peak - base) / 2 ** 20) * 10) / 10 };
  } finally {
    clearInterval(timer);
  }
}

async function importThroughApi(token: string, file: string) {
  const form = new FormData();
  form.set("source", "salesforce");
  form.set("dryRun", "false");
  form.set("file", await fs.openAsBlob(file, { type: "text/csv" }), path.basename(file));
  const res = await imports.POST(
    new Request("http://localhost/api/v1/imports", { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form }),
    { params: Promise.resolve({}) },
  );
  if (res.status !== 200) throw new Error(`POST /api/v1/imports answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
  // The report's totals lead it, its rows (one per row of the file) follow: read as a client that
  // keeps the totals and passes the rows on would, so that the heap measured is the import's own.
  const decoder = new TextDecoder();
  let head = "";
  let totals: { created: number; updated: number; unchanged: number; refused: number } | null = null;
  let rows = 0;
  let carry = ""; // a row's opening cut by a chunk's end is counted with the next chunk
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const text = decoder.decode(chunk, { stream: true });
    if (!totals) {
      head += text;
      const at = head.indexOf(',"rows":[');
      if (at >= 0) totals = JSON.parse(`${head.slice(0, at)}}`);
    }
    const joined = carry + text;
    rows += joined.split('{"row":').length - 1;
    carry = joined.slice(-6);
  }
  if (!totals) throw new Error("The import's answer holds no totals.");
  const { created, updated, unchanged, refused } = totals;
  if (rows !== created + updated + unchanged + refused)
    throw new Error(`The import's answer holds ${rows} rows for ${created + updated + unchanged + refused} counted.`);
  return totals;
}

/**
 * The baseline: the same rows read with papaparse and inserted by hand, `BATCH` at a time, each batch
 * one transaction of two multi-row INSERTs (the deals, and their `imported` history entries), with
 * only the parsing the rows need (no checks, no authorization, no look-up of existing deals).
 */
async function plainInsert(file: string, processVersionId: string, owners: Map<string, string>, actorId: string) {
  let inserted = 0;
  await database().withConnection(async (conn) => {
    const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: "greedy" });
    fs.createReadStream(file, "utf8").pipe(parser);
    let batch: string[][] = [];
    let header = true;
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (header) {
        header = false;
        continue;
      }
      batch.push(cells);
      if (batch.length === BATCH) {
        await insertBatch(conn, batch, processVersionId, owners, actorId);
        inserted += batch.length;
        batch = [];
      }
    }
    if (batch.length) await insertBatch(conn, batch, processVersionId, owners, actorId);
    inserted += batch.length;
  });
  return inserted;
}

async function insertBatch(conn: ScriptRunner, rows: string[][], processVersionId: string, owners: Map<string, string>, actorId: string) {
  const now = new Date().toISOString();
  const deals: unknown[] = [];
  const history: unknown[] = [];
  const values: string[] = [];
  const entries: string[] = [];
  for (const r of rows) {
    const id = newId();
    const [m, d, y] = r[4]!.split("/");
    const closeDate = `${y}-${m!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
    const stage = STAGE_KEYS[r[5]!]!;
    const status = stage === "closed_won" ? "won" : stage === "closed_lost" ? "lost" : "open";
    const p = deals.length;
    deals.push(
      id,
      r[1],
      r[2],
      Math.round(Number(r[3]!.replaceAll(",", "")) * 100),
      closeDate,
      owners.get(r[7]!),
      processVersionId,
      stage,
      status,
      status === "open" ? null : closeDate,
      r[9],
      `raw-${r[0]}`,
      now,
    );
    const $ = (k: number) => `$${p + k}`;
    values.push(
      `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, 'USD', ${$(5)}::date, ${$(5)}::date, ${$(6)}, ${$(7)}, ${$(8)}, ${$(13)}::timestamp, CAST(${$(9)} AS "OpportunityStatus"), ${$(10)}::timestamp, ${$(11)}, 'salesforce', ${$(12)}, ${$(13)}::timestamp, ${$(13)}::timestamp)`,
    );
    const h = history.length;
    history.push(id, actorId, stage, now);
    entries.push(`($${h + 1}, 'imported', $${h + 4}::timestamp, $${h + 2}, $${h + 3}, '{}')`);
  }
  await conn.exec("BEGIN");
  try {
    await conn.query(
      `INSERT INTO "Opportunity" ("id", "name", "accountName", "amountCents", "currency", "closeDate", "originalCloseDate", "ownerId",
        "processVersionId", "stageKey", "stageEnteredAt", "status", "closedAt", "nextStep", "externalSource", "externalId", "createdAt", "updatedAt")
       VALUES ${values.join(", ")}`,
      deals,
    );
    await conn.query(
      `INSERT INTO "HistoryEntry" ("opportunityId", "type", "at", "actorId", "toStage", "details") VALUES ${entries.join(", ")}`,
      history,
    );
    await conn.exec("COMMIT");
  } catch (error) {
    await conn.exec("ROLLBACK");
    throw error;
  }
}

async function main() {
  if (!process.env.DATABASE_URL && !process.env.PGLITE_DIR) process.env.PGLITE_DIR = "memory://";
  const d = database();
  await prepareDatabase(d, { demoData: false });
  const processVersionId = (await d.sql.selectFrom("ProcessVersion").select("id").orderBy("version", "desc").executeTakeFirstOrThrow()).id;
  await d.raw.exec(`INSERT INTO "User" ("id", "email", "name", "role", "groups", "active", "createdAt", "updatedAt")
    VALUES ('bench-admin', 'bench-admin@example.test', 'Bench Admin', 'admin', '{}', true, now(), now());
    INSERT INTO "User" ("id", "email", "name", "role", "groups", "active", "createdAt", "updatedAt")
    SELECT 'bench-rep-' || r, 'bench-rep-' || r || '@example.test', 'Rep ' || r, 'rep', '{}', true, now(), now() FROM generate_series(0, ${REPS - 1}) r;`);
  const owners = new Map(Array.from({ length: REPS }, (_, r) => [`bench-rep-${r}@example.test`, `bench-rep-${r}`]));
  const admin = await issueApiToken(db(), "bench-admin", { name: "bench" });

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-import-bench-"));
  try {
    const small = path.join(temp, "small.csv");
    const whole = path.join(temp, "whole.csv");
    writeExport(small, Math.ceil(ROWS / 10), "006S");
    writeExport(whole, ROWS, "006W");
    const fileMb = Math.round((fs.statSync(whole).size / 2 ** 20) * 10) / 10;

    const tenth = await measured(() => importThroughApi(admin.token, small));
    const api = await measured(() => importThroughApi(admin.token, whole));
    if (api.result.created !== ROWS) throw new Error(`The import created ${api.result.created} of ${ROWS} deals (${JSON.stringify(api.result)})`);
    const again = await measured(() => importThroughApi(admin.token, whole));
    if (again.result.unchanged !== ROWS) throw new Error(`Importing the file again changed something: ${JSON.stringify(again.result)}`);
    const raw = await measured(() => plainInsert(whole, processVersionId, owners, "bench-admin"));

    const rate = (rows: number, seconds: number) => Math.round(rows / seconds);
    const result = {
      database: d.config.kind,
      rows: ROWS,
      fileMb,
      batch: BATCH,
      api: { seconds: Math.round(api.seconds * 10) / 10, rowsPerSecond: rate(ROWS, api.seconds), peakMb: api.peakMb },
      reimport: { seconds: Math.round(again.seconds * 10) / 10, rowsPerSecond: rate(ROWS, again.seconds) },
      tenth: { rows: Math.ceil(ROWS / 10), peakMb: tenth.peakMb },
      raw: { seconds: Math.round(raw.seconds * 10) / 10, rowsPerSecond: rate(raw.result, raw.seconds), peakMb: raw.peakMb },
      apiToRaw: Math.round((raw.seconds / api.seconds) * 100) / 100,
      goal: GOAL,
      meetsGoal: raw.seconds / api.seconds >= GOAL,
      loadAverage: os.loadavg(),
    };
    console.log(
      `${result.database}: import ${result.api.rowsPerSecond} rows/s (peak ${api.peakMb} MB; ${tenth.peakMb} MB for a tenth), plain INSERT ${result.raw.rowsPerSecond} rows/s: ${result.apiToRaw}×`,
    );
    const out = process.env.BENCH_OUT;
    if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
    else console.log(JSON.stringify(result, null, 2));
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
    await closeDatabase();
  }
}

await main();
