// `npm run bench`: stage moves per second through the API and as raw SQL, on PGlite (a temp folder,
// as deployed by default) and on a throwaway PostgreSQL server, at 1 and 10 clients; then the page
// weight of every page (bench/page-weight.ts, on the last build, built first when missing or stale).
// Prints tables and writes bench/results/stage-moves-<date>.json; exits 1 when a page is over its
// limit. Settings (env): BENCH_DATABASES=pglite,postgres (none: no moves) BENCH_SECONDS=10
// BENCH_ROUNDS=2 BENCH_WARMUP_SECONDS=2 BENCH_CONCURRENCY=1,10 BENCH_DEALS_PER_CLIENT=10
// BENCH_PG_OPTIONS="-c …" (extra server options) BENCH_PAGES=0 (no page weight).
// docs/performance.md explains the figures.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { markdownTable, pageWeightTable, queryCounts, textTable } from "../bench/report.mjs";
import { startPostgres } from "../bench/postgres-server.mjs";
import { ensureBuild } from "./ensure-build.mjs";
import { ensureChromium, ensurePostgres } from "./ensure-system.mjs";

process.chdir(path.resolve(import.meta.dirname, ".."));
const wanted = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const withPages = process.env.BENCH_PAGES !== "0";
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

/** The page weight of every page, on the last build (made first when missing or stale): bench/page-weight.ts. */
function pageWeight() {
  console.log("\n=== page weight");
  ensureChromium();
  ensureBuild(process.cwd(), { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  const out = path.join(temp, "page-weight.json");
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["--no", "tsx", "bench/page-weight.ts"], {
      stdio: "inherit",
      env: { ...process.env, BENCH_OUT: out, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("error", reject);
    // Exit 1 with figures: a page over its limit (reported after the results are written).
    child.on("exit", (code) =>
      fs.existsSync(out) ? resolve(JSON.parse(fs.readFileSync(out, "utf8"))) : reject(new Error(`page weight: exit ${code}`)),
    );
  });
}

const databases = [];
let pages = null;
try {
  if (wanted.includes("pglite")) databases.push(await measure("pglite", { DATABASE_URL: "", PGLITE_DIR: path.join(temp, "pglite") }));
  if (wanted.includes("postgres")) databases.push(await onPostgres());
  if (withPages) pages = await pageWeight();
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
  pageWeight: pages,
};
const file = path.join("bench", "results", `stage-moves-${started.toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(file, JSON.stringify(result, null, 2));
if (databases.length) console.log(`\n${textTable(result)}\n\n${queryCounts(result)}\n\nMarkdown:\n${markdownTable(result)}`);
if (pages) console.log(`\n${pageWeightTable(pages)}`);
console.log(`\nWritten to ${file}`);
const over = pages?.pages.filter((p) => p.overLimit) ?? [];
if (over.length) {
  console.error(
    `\nPages over ${pages.limitKiB} KiB of JavaScript on opening: ${over.map((p) => `${p.route} (${p.opening.gzipKiB} KiB)`).join(", ")}`,
  );
  process.exitCode = 1;
}
