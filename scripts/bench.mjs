// `npm run bench`: stage moves per second through the API and as raw SQL, on PGlite (a temp folder,
// as deployed by default) and on a throwaway PostgreSQL server, at 1 and 10 clients. Prints a table and
// writes bench/results/stage-moves-<date>.json. Settings (env): BENCH_DATABASES=pglite,postgres
// BENCH_SECONDS=10 BENCH_ROUNDS=2 BENCH_WARMUP_SECONDS=2 BENCH_CONCURRENCY=1,10 BENCH_DEALS_PER_CLIENT=10
// BENCH_PG_OPTIONS="-c …" (extra server options). docs/performance.md explains the figures.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { markdownTable, queryCounts, textTable } from "../bench/report.mjs";
import { startPostgres } from "../bench/postgres-server.mjs";
import { ensurePostgres } from "./ensure-system.mjs";

process.chdir(path.resolve(import.meta.dirname, ".."));
const wanted = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const started = new Date();
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-bench-"));

/** One database's figures: bench/stage-moves.ts in its own process, on the database `env` selects. */
function measure(label, env) {
  const out = path.join(temp, `${label}.json`);
  console.log(`\n=== ${label}`);
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["--no", "tsx", "bench/stage-moves.ts"], {
      stdio: "inherit",
      // Scrypt cost only matters for the users the setup creates; production mode as `next start`.
      env: { ...process.env, ...env, BENCH_OUT: out, PASSWORD_HASH_COST: "10", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve({ label, ...JSON.parse(fs.readFileSync(out, "utf8")) }) : reject(new Error(`${label}: exit ${code}`)),
    );
  });
}

async function onPostgres() {
  ensurePostgres();
  const server = await startPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("CREATE DATABASE stageline_bench");
    await admin.end();
    const url = server.url.replace(/\/postgres$/, "/stageline_bench");
    return { ...(await measure(`postgres ${server.version}`, { DATABASE_URL: url })), serverOptions: server.options };
  } finally {
    server.stop();
  }
}

const databases = [];
try {
  if (wanted.includes("pglite")) databases.push(await measure("pglite", { DATABASE_URL: "", PGLITE_DIR: path.join(temp, "pglite") }));
  if (wanted.includes("postgres")) databases.push(await onPostgres());
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}

const result = {
  date: started.toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg(),
  },
  databases,
};
const file = path.join("bench", "results", `stage-moves-${started.toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(file, JSON.stringify(result, null, 2));
console.log(`\n${textTable(result)}\n\n${queryCounts(result)}\n\nMarkdown:\n${markdownTable(result)}\n\nWritten to ${file}`);
