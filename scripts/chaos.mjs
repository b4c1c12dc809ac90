// `npm run chaos`: the fault tests in full (docs/reliability.md). `npm test` runs them reduced; this
// runs each fault several times under more load (CHAOS=full), and writes each one's figures as JSON to
// bench/results/ (git-ignored), to be copied into docs/reliability.md. Builds first when the build is
// stale; installs the Debian packages the cluster needs when they are missing.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureBuild } from "./ensure-build.mjs";
import { ensureNginx, ensurePgbouncer, ensurePostgres } from "./ensure-system.mjs";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const env = { ...process.env, CHAOS: "full", NEXT_TELEMETRY_DISABLED: "1" };

ensurePostgres();
ensurePgbouncer();
ensureNginx();
ensureBuild(root, env);

const runs = [
  // An instance killed, PostgreSQL restarted (the cluster), and `npm start` killed on its folder.
  ["vitest", "run", "--config", "vitest.cluster.config.ts", "tests/cluster/faults.test.ts", "tests/cluster/embedded.test.ts"],
  // Outbox workers killed mid-batch, and two side by side, on one PostgreSQL server.
  ["vitest", "run", "--project", "postgres", "tests/server/outbox/worker-process.test.ts"],
];
let failed = false;
for (const argv of runs) {
  console.log(`\n=== npx ${argv.join(" ")}`);
  const { status } = spawnSync("npx", ["--no", ...argv], { stdio: "inherit", env });
  if (status !== 0) failed = true;
}
console.log(failed ? "\nchaos: FAILED" : "\nchaos: every fault survived; the figures are in bench/results/chaos-*-full-*.json");
process.exit(failed ? 1 : 0);
