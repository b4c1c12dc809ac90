// `npm run bench`, on PGlite (a temp folder, as deployed by default) and on a throwaway PostgreSQL
// server: stage moves per second through the API and as raw SQL at 1 and 10 clients
// (bench/stage-moves.ts); the dashboard's figures on 100,000 generated deals through the metrics
// endpoint and as hand-written SQL (bench/dashboard/dashboard-bench.ts); a CSV import of 100,000 rows
// beside a plain batched INSERT (bench/imports/import-bench.ts); stage moves per second over HTTP on
// PostgreSQL, to one instance directly and through nginx to one and two (bench/nginx-moves.ts, the
// local cluster on ports 8680-8683, 8632, 8633; PostgreSQL only, whatever BENCH_DATABASES says); then the page weight of every
// page (bench/page-weight.ts, on the last build, built first when missing or stale). Prints tables and
// writes bench/results/<suite>-<date>.json; exits 1 when a page is over its limit. Settings (env):
// BENCH_SUITES=moves,dashboard,imports,cluster,pages BENCH_IMPORT_ROWS=100000 BENCH_DATABASES=pglite,postgres BENCH_SECONDS=10 BENCH_ROUNDS=2
// BENCH_WARMUP_SECONDS=2 BENCH_CONCURRENCY=1,10 BENCH_DEALS_PER_CLIENT=10 BENCH_DASHBOARD_DEALS=100000
// BENCH_DASHBOARD_RUNS=10 BENCH_PG_OPTIONS="-c …" (extra server options) BENCH_PAGES=0 (no page weight).
// docs/performance.md explains the figures.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { clusterTable, dashboardTable, importTable, markdownTable, pageWeightTable, queryCounts, textTable } from "../bench/report.mjs";
import { startPostgres } from "../bench/postgres-server.mjs";
import { ensureBuild } from "./ensure-build.mjs";
import { ensureChromium, ensurePostgres } from "./ensure-system.mjs";

process.chdir(path.resolve(import.meta.dirname, ".."));
const wanted = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const suites = (process.env.BENCH_SUITES ?? "moves,dashboard,imports,cluster,pages").split(",");
const SCRIPTS = {
  moves: "bench/stage-moves.ts",
  dashboard: "bench/dashboard/dashboard-bench.ts",
  imports: "bench/imports/import-bench.ts",
  cluster: "bench/nginx-moves.ts",
};
const withPages = suites.includes("pages") && process.env.BENCH_PAGES !== "0";
const started = new Date();
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-bench-"));

/** One suite's figures on one database: its script in its own process, on the database `env` selects. */
function measure(suite, label, env) {
  const out = path.join(temp, `${suite}-${label}.json`);
  console.log(`\n=== ${suite} on ${label}`);
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["--no", "tsx", SCRIPTS[suite]], {
      stdio: "inherit",
      // Scrypt cost only matters for the users the setup creates; production mode as `next start`.
      env: {
        ...process.env,
        ...env,
        BENCH_OUT: out,
        PASSWORD_HASH_COST: "10",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        // The import's memory is read after a collection.
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc`.trim(),
      },
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve({ label, ...JSON.parse(fs.readFileSync(out, "utf8")) }) : reject(new Error(`${label}: exit ${code}`)),
    );
  });
}

/** The suite on a fresh database of a throwaway server. */
async function onPostgres(suite) {
  ensurePostgres();
  const server = await startPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("CREATE DATABASE stageline_bench");
    await admin.end();
    const url = server.url.replace(/\/postgres$/, "/stageline_bench");
    return { ...(await measure(suite, `postgres ${server.version}`, { DATABASE_URL: url })), serverOptions: server.options };
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

const results = {};
let pages = null;
try {
  for (const suite of suites.filter((s) => s in SCRIPTS)) {
    if (suite === "cluster") {
      // Its own PostgreSQL server, PgBouncer and nginx: the local cluster's (scripts/cluster).
      results.cluster = await measure(suite, "postgres", { DATABASE_URL: "" });
      continue;
    }
    const databases = [];
    if (wanted.includes("pglite"))
      databases.push(await measure(suite, "pglite", { DATABASE_URL: "", PGLITE_DIR: path.join(temp, `${suite}-pglite`) }));
    if (wanted.includes("postgres")) databases.push(await onPostgres(suite));
    results[suite] = databases;
  }
  if (withPages) pages = await pageWeight();
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  loadAverage: os.loadavg(),
};
const stamp = started.toISOString().replace(/[:.]/g, "-");
if (results.moves) {
  const result = { date: started.toISOString(), machine, databases: results.moves, pageWeight: pages };
  const file = path.join("bench", "results", `stage-moves-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\nStage moves\n${textTable(result)}\n\n${queryCounts(result)}\n\nMarkdown:\n${markdownTable(result)}\n\nWritten to ${file}`);
}
if (results.dashboard) {
  const result = { date: started.toISOString(), machine, databases: results.dashboard };
  const file = path.join("bench", "results", `dashboard-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\nDashboard\n${dashboardTable(result)}\n\nWritten to ${file}`);
}
if (results.imports) {
  const result = { date: started.toISOString(), machine, databases: results.imports };
  const file = path.join("bench", "results", `imports-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\nCSV import\n${importTable(result)}\n\nWritten to ${file}`);
}
if (results.cluster) {
  const result = { date: started.toISOString(), machine, ...results.cluster };
  const file = path.join("bench", "results", `nginx-moves-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\nStage moves over HTTP, direct and through nginx\n${clusterTable(result)}\n\nWritten to ${file}`);
}
if (pages) {
  console.log(`\n${pageWeightTable(pages)}`);
  if (!results.moves) {
    const file = path.join("bench", "results", `page-weight-${stamp}.json`);
    fs.writeFileSync(file, JSON.stringify({ date: started.toISOString(), machine, pageWeight: pages }, null, 2));
    console.log(`\nWritten to ${file}`);
  }
}
const over = pages?.pages.filter((p) => p.overLimit) ?? [];
if (over.length) {
  console.error(
    `\nPages over ${pages.limitKiB} KiB of JavaScript on opening: ${over.map((p) => `${p.route} (${p.opening.gzipKiB} KiB)`).join(", ")}`,
  );
  process.exitCode = 1;
}
