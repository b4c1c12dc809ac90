// Stage moves per second on one database (the one src/server/db.ts selects from the environment):
// through the API and as raw SQL, at each concurrency, in the same process on the same data.
// Run by scripts/bench.mjs (`npm run bench`), which writes the figures of every database.
import fs from "node:fs";
import os from "node:os";
import { closeDatabase, database } from "@/src/server/db";
import { migrate } from "@/src/server/migrate";
import { moveThroughApi } from "./api-move";
import { countQueries, installQueryCounter } from "./count-queries";
import { moveWithRawSql } from "./raw-move";
import { runClients, summarize, type Move, type RunResult } from "./run-clients";
import { prepareClients, refreshClients, takeDeal, type Client } from "./workload";

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = setting("BENCH_SECONDS", 10);
const ROUNDS = setting("BENCH_ROUNDS", 2);
const WARMUP_SECONDS = setting("BENCH_WARMUP_SECONDS", 2);
const DEALS_PER_CLIENT = setting("BENCH_DEALS_PER_CLIENT", 10);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "1,10").split(",").map(Number);

const MOVES = { api: moveThroughApi, raw: moveWithRawSql } satisfies Record<string, Move>;
type Kind = keyof typeof MOVES;

async function measure(clients: Client[]) {
  for (const kind of ["api", "raw"] as const) await runClients(clients, MOVES[kind], WARMUP_SECONDS);
  const runs: Record<Kind, RunResult[]> = { api: [], raw: [] };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so a change in the machine's load falls on both alike.
    const order: Kind[] = round % 2 === 0 ? ["api", "raw"] : ["raw", "api"];
    for (const kind of order) runs[kind].push(await runClients(clients, MOVES[kind], SECONDS));
  }
  const api = summarize(runs.api);
  const raw = summarize(runs.raw);
  const apiToRaw = Math.round((api.movesPerSecond / raw.movesPerSecond) * 100) / 100;
  return { concurrency: clients.length, api, raw, apiToRaw, meetsHalf: apiToRaw >= 0.6 };
}

/** Statements per move, one move at a time; the last move's statements are listed. */
async function queriesPerMove(client: Client, move: Move, samples = 10) {
  const logs = [];
  for (let i = 0; i < samples; i++) logs.push(await countQueries(() => move(client, takeDeal(client))));
  const counts = logs.map((l) => l.count);
  return { min: Math.min(...counts), max: Math.max(...counts), statements: logs.at(-1)!.statements };
}

async function main() {
  // Run alone, it must never fill the app's own ./data folder with benchmark deals.
  if (!process.env.DATABASE_URL && !process.env.PGLITE_DIR) process.env.PGLITE_DIR = "memory://";
  installQueryCounter();
  const db = database();
  await migrate(db);
  const prepStarted = performance.now();
  const clients = await prepareClients(Math.max(...CONCURRENCY), DEALS_PER_CLIENT);
  await refreshClients(clients);
  const prepareSeconds = (performance.now() - prepStarted) / 1000;

  const loadBefore = os.loadavg();
  const cells = [];
  for (const concurrency of CONCURRENCY) cells.push(await measure(clients.slice(0, concurrency)));
  const queries = { api: await queriesPerMove(clients[0]!, moveThroughApi), raw: await queriesPerMove(clients[0]!, moveWithRawSql) };

  const result = {
    database: db.config.kind,
    storage: db.config.kind === "pglite" ? (db.config.dir ?? "memory") : "server",
    settings: { SECONDS, ROUNDS, WARMUP_SECONDS, DEALS_PER_CLIENT, CONCURRENCY },
    prepareSeconds: Math.round(prepareSeconds),
    loadAverage: { before: loadBefore, after: os.loadavg() },
    cells,
    queries,
  };
  await closeDatabase();
  const out = process.env.BENCH_OUT;
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
  else console.log(JSON.stringify(result, null, 2));
}

await main();
