// `npm test`: everything, on a fresh machine, with nothing installed by hand.
//   node scripts/test.mjs                 system packages, lint and types, vitest (unit, pglite, postgres), e2e, cluster
//   node scripts/test.mjs --only vitest   system packages it needs + vitest
//   node scripts/test.mjs --only e2e      system packages it needs + next build + playwright
//   node scripts/test.mjs --only cluster  system packages it needs + next build + the local cluster's tests
// A failed step does not stop the independent ones, so one run reports every failure; a step whose
// prerequisite failed is skipped. Exits non-zero when anything failed or was skipped.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureChromium, ensureNginx, ensurePgbouncer, ensurePostgres } from "./ensure-system.mjs";

const PARTS = ["vitest", "e2e", "cluster"];

function parseArgs(argv) {
  if (argv.length === 0) return PARTS;
  if (argv.length === 2 && argv[0] === "--only" && PARTS.includes(argv[1])) return [argv[1]];
  console.error(`usage: node scripts/test.mjs [--only ${PARTS.join("|")}]`);
  process.exit(2);
}

const parts = parseArgs(process.argv.slice(2));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
// One PGlite folder per run for the app under test; removed afterwards (the config explains it).
const e2eDir = path.join(os.tmpdir(), `stageline-e2e-${process.pid}`);

/** `npx --no`: use the project's own binaries, never download one on the fly. */
function npx(args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn("npx", ["--no", ...args], { stdio: "inherit", env: { ...env, ...extraEnv } });
    child.on("error", (e) => resolve(`could not start npx: ${e.message}`));
    child.on("exit", (code, signal) => resolve(code === 0 ? null : `exit ${signal ?? code}`));
  });
}

const steps = [
  { name: "postgresql", parts: ["vitest", "cluster"], run: () => ensurePostgres() },
  {
    name: "pgbouncer, nginx",
    parts: ["cluster"],
    run: () => {
      ensurePgbouncer();
      ensureNginx();
    },
  },
  { name: "chromium", parts: ["e2e"], run: () => ensureChromium() },
  {
    name: "prisma generate",
    parts: PARTS,
    // postinstall generates the client; this covers an install run with --ignore-scripts.
    run: () => (fs.existsSync("src/generated/prisma/client.ts") ? null : npx(["prisma", "generate"])),
  },
  // A tree that does not lint or type-check fails the run like a failed test (docs/contributing.md).
  { name: "lint", parts: ["vitest"], run: () => npx(["biome", "check", "."]) },
  { name: "typecheck", parts: ["vitest"], needs: ["prisma generate"], run: () => npx(["tsc", "--noEmit"]) },
  { name: "vitest", parts: ["vitest"], needs: ["postgresql", "prisma generate"], run: () => npx(["vitest", "run"]) },
  { name: "next build", parts: ["e2e", "cluster"], needs: ["prisma generate"], run: () => npx(["next", "build"]) },
  {
    name: "playwright",
    parts: ["e2e"],
    needs: ["chromium", "next build"],
    run: async () => {
      fs.rmSync(e2eDir, { recursive: true, force: true });
      try {
        return await npx(["playwright", "test"], { E2E_PGLITE_DIR: e2eDir });
      } finally {
        fs.rmSync(e2eDir, { recursive: true, force: true });
      }
    },
  },
  // The built app behind nginx and PgBouncer (tests/cluster, vitest.cluster.config.ts): not in the
  // vitest step's projects, since it needs the build.
  {
    name: "cluster",
    parts: ["cluster"],
    needs: ["postgresql", "pgbouncer, nginx", "next build"],
    run: () => npx(["vitest", "run", "--config", "vitest.cluster.config.ts"]),
  },
];

const results = new Map(); // name → { status: "ok" | "FAIL" | "skip", seconds, note }
process.chdir(path.resolve(import.meta.dirname, ".."));

for (const step of steps.filter((s) => s.parts.some((p) => parts.includes(p)))) {
  const failedNeed = (step.needs ?? []).find((n) => results.get(n)?.status !== "ok");
  if (failedNeed) {
    results.set(step.name, { status: "skip", seconds: 0, note: `${failedNeed} did not pass` });
    continue;
  }
  console.log(`\n=== ${step.name}`);
  const started = performance.now();
  let error;
  try {
    error = await step.run();
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const seconds = (performance.now() - started) / 1000;
  results.set(step.name, { status: error ? "FAIL" : "ok", seconds, note: error ?? "" });
}

console.log("\n=== summary");
let total = 0;
for (const [name, r] of results) {
  total += r.seconds;
  const time = r.status === "skip" ? "" : `${r.seconds.toFixed(1)} s`;
  console.log(`  ${r.status.padEnd(4)}  ${name.padEnd(16)} ${time.padStart(8)}  ${r.note}`);
}
const ok = [...results.values()].every((r) => r.status === "ok");
console.log(`  ${ok ? "all passed" : "FAILED"} in ${total.toFixed(1)} s`);
process.exit(ok ? 0 : 1);
