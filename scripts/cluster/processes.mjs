// Processes of the local cluster: started detached with their output in the cluster's folder, found
// again by pid file, stopped with a signal and then killed. PostgreSQL refuses to run as root, and
// PgBouncer too: as root, the servers (PostgreSQL, PgBouncer, nginx) run as the `postgres` system
// user the postgresql package creates, in folders that belong to it.
import { execFile, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

export const isRoot = () => process.getuid?.() === 0;

/** argv run as the servers' user: `postgres` when this process is root, else this user. */
export const asServiceUser = (argv) => (isRoot() ? ["runuser", "-u", "postgres", "--", ...argv] : argv);

/** Gives `paths` to the servers' user (nothing to do when not root). */
export function giveToServiceUser(...paths) {
  if (isRoot()) execFileSync("chown", ["-R", "postgres:", ...paths]);
}

/** Runs a command to its end; its output goes in the error when it fails. */
export function runService(argv, cwd) {
  const [command, ...args] = asServiceUser(argv);
  try {
    return execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (e) {
    const output = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim();
    throw new Error(`${argv.map((a) => a.split("/").pop()).join(" ")} failed${output ? `:\n${output}` : ""}`);
  }
}

/** runService without blocking this process (a test's clients go on while the server stops or starts). */
export function runServiceAsync(argv, cwd) {
  const [command, ...args] = asServiceUser(argv);
  return new Promise((resolve, reject) =>
    execFile(command, args, { cwd, encoding: "utf8" }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const output = `${stdout ?? ""}${stderr ?? ""}`.trim();
      reject(new Error(`${argv.map((a) => a.split("/").pop()).join(" ")} failed${output ? `:\n${output}` : ""}`));
    }),
  );
}

/** Starts `argv` in a process group of its own, outliving this process; writes its pid to `pidFile`. */
export function spawnDetached({ argv, env, cwd, logFile, pidFile }) {
  const out = fs.openSync(logFile, "a");
  try {
    const child = spawn(argv[0], argv.slice(1), { cwd, env, detached: true, stdio: ["ignore", out, out] });
    fs.writeFileSync(pidFile, `${child.pid}\n`);
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(out);
  }
}

/** The pid in `file` (a pid file's first line), or null. */
export function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").split("\n")[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

/** Sends `signal` to `pid` (to its whole group when `group`); false when it is gone. */
export function signal(pid, name, { group = false } = {}) {
  try {
    process.kill(group ? -pid : pid, name);
    return true;
  } catch {
    return false;
  }
}

/** Signals `pid`, waits up to `timeoutMs` for it to end, then kills it (and its group when `group`). */
export async function stopProcess(pid, { signal: name = "SIGTERM", timeoutMs = 15_000, group = false } = {}) {
  if (!isAlive(pid)) return;
  signal(pid, name, { group });
  const ended = await waitFor(() => !isAlive(pid), timeoutMs).then(
    () => true,
    () => false,
  );
  if (!ended) {
    signal(pid, "SIGKILL", { group });
    await waitFor(() => !isAlive(pid), 5_000).catch(() => undefined);
  }
}

/** Resolves when `check` is truthy (it may be async), polling; rejects after `timeoutMs`. */
export async function waitFor(check, timeoutMs, what = "a condition", intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The HTTP status of GET `url`, or 0 when nothing answers within `timeoutMs`. */
export async function httpStatus(url, timeoutMs = 3_000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Whether something listens on 127.0.0.1:`port`. */
export function isListening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The last `lines` lines of a log file ("" when there is none). */
export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}
