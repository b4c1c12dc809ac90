// A throwaway PostgreSQL server for the benchmark: initdb in a temp folder, a free port, removed by stop().
// Same recipe as tests/setup/postgres-global.ts, except durability: that server turns fsync off to
// make CREATE DATABASE fast; a benchmark keeps the defaults (fsync, synchronous_commit on), as a
// production server would. BENCH_PG_OPTIONS adds server options, e.g. "-c synchronous_commit=off".
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = "/usr/lib/postgresql";

/** The newest installed server's bin folder (scripts/ensure-system.mjs installs one). */
function postgresBin() {
  const versions = fs.existsSync(ROOT) ? fs.readdirSync(ROOT).filter((v) => fs.existsSync(path.join(ROOT, v, "bin", "initdb"))) : [];
  if (versions.length === 0) throw new Error(`No PostgreSQL server under ${ROOT}.`);
  const version = versions.sort((a, b) => Number(b) - Number(a))[0];
  return { version, bin: path.join(ROOT, version, "bin") };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a server; returns its superuser URL (database `postgres`), its version and stop(). */
export async function startPostgres(extraOptions = process.env.BENCH_PG_OPTIONS ?? "") {
  const { version, bin } = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-bench-pg-"));
  // PostgreSQL refuses to run as root: as root it runs as `postgres`, which must own its folder.
  const isRoot = process.getuid?.() === 0;
  if (isRoot) execFileSync("chown", ["postgres:", dir]);
  const run = (tool, args) => {
    const argv = [path.join(bin, tool), ...args];
    if (isRoot) argv.unshift("runuser", "-u", "postgres", "--");
    execFileSync(argv[0], argv.slice(1), { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  };
  const data = path.join(dir, "data");
  const stop = () => {
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Not running (the start failed): nothing to stop.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run("initdb", ["-D", data, "-A", "trust", "-U", "postgres"]);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${extraOptions}`.trim();
    run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, version, options: extraOptions, stop };
  } catch (e) {
    const log = fs.existsSync(path.join(dir, "log")) ? fs.readFileSync(path.join(dir, "log"), "utf8") : "";
    stop();
    throw new Error(`Could not start PostgreSQL: ${e.message}\n${log}`);
  }
}
