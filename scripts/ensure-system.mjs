// Installs the Debian packages the tests and the local cluster need, when they are missing: a
// PostgreSQL server (the `postgres` Vitest project starts a private one), Chromium (Playwright; never
// `playwright install`, which downloads from a CDN these machines cannot reach), and PgBouncer and
// nginx (`npm run cluster`, scripts/cluster.mjs).
//   node scripts/ensure-system.mjs [postgres] [chromium] [pgbouncer] [nginx]   (no argument: all)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CHROMIUM = "/usr/bin/chromium";
const POSTGRES_ROOT = "/usr/lib/postgresql";

/** Installs a PostgreSQL server unless one is installed (any version with an initdb). */
export function ensurePostgres() {
  const installed = installedPostgres();
  if (installed) {
    console.log(`ensure-system: PostgreSQL server present (${installed})`);
    return;
  }
  // The recommended packages (sysstat, …) are not needed to run a private server.
  aptInstall(["--no-install-recommends", "postgresql"]);
  if (!installedPostgres()) throw new Error("ensure-system: postgresql installed, but no initdb found");
  stopDebianClusters();
}

/** Installs Debian's Chromium unless /usr/bin/chromium exists. */
export function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) {
    console.log(`ensure-system: Chromium present (${CHROMIUM})`);
    return;
  }
  aptInstall(["chromium"]);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`ensure-system: chromium installed, but ${CHROMIUM} is missing`);
}

export const PGBOUNCER = "/usr/sbin/pgbouncer";
export const NGINX = "/usr/sbin/nginx";

/** Installs Debian's PgBouncer unless it is there; the package's own service is stopped. */
export function ensurePgbouncer() {
  ensureDaemon("pgbouncer", PGBOUNCER);
}

/** Installs Debian's nginx unless it is there; the package's own service (port 80) is stopped. */
export function ensureNginx() {
  ensureDaemon("nginx", NGINX);
}

// The packages start a service of their own where services can start (pgbouncer on 6432, nginx on
// port 80). The cluster runs private copies on its own ports and never uses them: best effort stop.
function ensureDaemon(name, binary) {
  if (fs.existsSync(binary)) {
    console.log(`ensure-system: ${name} present (${binary})`);
    return;
  }
  aptInstall(["--no-install-recommends", name]);
  if (!fs.existsSync(binary)) throw new Error(`ensure-system: ${name} installed, but ${binary} is missing`);
  try {
    run(["service", name, "stop"]);
  } catch {
    console.log(`ensure-system: could not stop the ${name} service; the cluster does not use it`);
  }
}

function installedPostgres() {
  if (!fs.existsSync(POSTGRES_ROOT)) return null;
  const bins = fs
    .readdirSync(POSTGRES_ROOT)
    .map((version) => path.join(POSTGRES_ROOT, version, "bin", "initdb"))
    .filter((initdb) => fs.existsSync(initdb));
  return bins[0] ?? null;
}

let updated = false;

function aptInstall(args) {
  if (!updated) {
    run(["apt-get", "update"]);
    updated = true;
  }
  run(["apt-get", "install", "-y", ...args]);
}

/** Runs a root command: directly as root, else through sudo when there is one. */
function run(argv) {
  // noninteractive: no debconf question may wait for an answer that never comes.
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let command = argv;
  if (process.getuid?.() !== 0) {
    if (!hasSudo()) throw new Error(`ensure-system: "${argv.join(" ")}" needs root (run as root, or install sudo)`);
    // sudo drops most of the environment; `env` sets the variable on the far side.
    command = ["sudo", "env", "DEBIAN_FRONTEND=noninteractive", ...argv];
  }
  console.log(`ensure-system: $ ${command.join(" ")}`);
  execFileSync(command[0], command.slice(1), { stdio: "inherit", env });
}

function hasSudo() {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, "sudo")));
}

// The package creates a `main` cluster and may start it (where services can start). The tests never
// use it; stopping it frees port 5432 and its memory. Best effort: a cluster that is down is fine.
function stopDebianClusters() {
  let listing = "";
  try {
    listing = execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" });
  } catch {
    return;
  }
  for (const line of listing.split("\n")) {
    const [version, name, , status] = line.trim().split(/\s+/);
    if (status !== "online") continue;
    try {
      run(["pg_ctlcluster", version, name, "stop"]);
    } catch {
      console.log(`ensure-system: could not stop cluster ${version}/${name}; the tests do not use it`);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const wanted = process.argv.slice(2);
  const all = wanted.length === 0;
  try {
    if (all || wanted.includes("postgres")) ensurePostgres();
    if (all || wanted.includes("chromium")) ensureChromium();
    if (all || wanted.includes("pgbouncer")) ensurePgbouncer();
    if (all || wanted.includes("nginx")) ensureNginx();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
