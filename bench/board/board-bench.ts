// The board's performance: getBoard for the demo manager in process, /board over HTTP from
// `next start`, and the JavaScript /board loads first, on the demo data and on a team with 2,000 open
// deals. Each data set lives in its own temporary PGlite folder. Not a test: figures for
// docs/board-performance.md.
//
//   npx next build && npx tsx bench/board/board-bench.ts
//
// Settings (env): BOARD_BENCH_RUNS=30 BOARD_BENCH_DEALS=2000 BENCH_PORT=3390 BOARD_BENCH_HTTP=0 (skip HTTP).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findActor } from "@/src/auth/load-actor";
import { startSession } from "@/src/auth/user-sessions";
import { parseBoardFilters } from "@/src/server/board/board-filters";
import { getBoard, getColumnPage } from "@/src/server/board/get-board";
import { prepareDatabase } from "@/src/server/boot/prepare-database";
import { closeDatabase, database, db } from "@/src/server/db";
import { countQueries, installQueryCounter } from "../count-queries";
import { measureHttp, timing } from "./http-board";
import { seedOpenDeals } from "./seed-open-deals";

process.chdir(path.resolve(import.meta.dirname, "../.."));
const RUNS = Number(process.env.BOARD_BENCH_RUNS ?? 30);
const BIG = Number(process.env.BOARD_BENCH_DEALS ?? 2000);
const withHttp = process.env.BOARD_BENCH_HTTP !== "0" && fs.existsSync(".next/BUILD_ID");

async function time(fn: () => Promise<unknown>, runs: number) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return timing(samples);
}

/** getBoard as the demo manager sees it: unfiltered, stalled only, a search, and a second page. */
async function measureInProcess(managerId: string) {
  const manager = (await findActor(db(), managerId))!;
  const all = parseBoardFilters({});
  const coldStart = performance.now();
  const board = await getBoard(manager, all);
  const coldMs = Math.round(performance.now() - coldStart);
  for (let i = 0; i < 3; i++) await getBoard(manager, all);
  const busiest = [...board.columns].sort((a, b) => b.count - a.count)[0]!;
  return {
    openDeals: board.columns.reduce((n, c) => n + c.count, 0),
    cardsRendered: board.columns.reduce((n, c) => n + c.cards.length, 0),
    statements: (await countQueries(() => getBoard(manager, all))).count,
    coldMs,
    board: await time(() => getBoard(manager, all), RUNS),
    stalledOnly: await time(() => getBoard(manager, parseBoardFilters({ stalled: "1" })), RUNS),
    search: await time(() => getBoard(manager, parseBoardFilters({ q: "labs" })), RUNS),
    nextPage: busiest.nextCursor ? await time(() => getColumnPage(manager, all, busiest.key, busiest.nextCursor!), RUNS) : null,
  };
}

async function dataset(label: string, openDeals: number | null) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stageline-board-bench-${label}-`));
  process.env.PGLITE_DIR = path.join(dir, "pglite");
  process.env.DATABASE_URL = "";
  try {
    await prepareDatabase(database(), { demoData: true });
    if (openDeals) await seedOpenDeals(db(), openDeals);
    const managerId = (await db().user.findUniqueOrThrow({ where: { email: "manager@stageline.test" } })).id;
    console.log(`\n=== ${label}: getBoard in process`);
    const inProcess = await measureInProcess(managerId);
    console.log(inProcess);
    const sessionId = (await startSession(database().sql, managerId)).id; // the session the HTTP requests send
    await closeDatabase(); // next start opens the folder next
    const http = withHttp ? await measureHttp(process.env.PGLITE_DIR, { userId: managerId, sessionId }, RUNS) : null;
    if (http) console.log(`=== ${label}: /board over HTTP`, http);
    return { label, inProcess, http };
  } finally {
    await closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

installQueryCounter();
process.env.PASSWORD_HASH_COST ??= "10"; // the demo users' hashes: not what is measured
const results = [await dataset("demo", null), await dataset(`${BIG} open`, BIG)];
if (!withHttp) console.log("\n(no .next build, or BOARD_BENCH_HTTP=0: HTTP and JavaScript figures skipped)");

console.log(
  "\n| data | open deals (manager) | statements | getBoard median / p95 | stalled only | search | next page | /board HTTP median / p95 | first-load JS, gzip (beyond the home page) |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of results) {
  const p = r.inProcess;
  const ms = (t: { medianMs: number; p95Ms: number } | null) => (t ? `${t.medianMs} / ${t.p95Ms} ms` : "–");
  console.log(
    `| ${r.label} | ${p.openDeals} | ${p.statements} | ${ms(p.board)} | ${ms(p.stalledOnly)} | ${ms(p.search)} | ${ms(p.nextPage)} | ${ms(r.http?.page ?? null)} | ${r.http ? `${r.http.js.gzipKiB} KiB (+${r.http.boardOnlyJs.gzipKiB} KiB); ${r.http.js.rawKiB} KiB raw` : "–"} |`,
  );
}
if (process.env.BENCH_OUT)
  fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus()[0]?.model, results }, null, 2));
