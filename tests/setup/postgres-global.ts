// Global setup of the `postgres` project: one throwaway PostgreSQL server for the whole run, holding a
// migrated `stageline_template` database that each test file copies (tests/setup/database.ts).
// TEST_POSTGRES_URL (a superuser on an existing server) replaces the throwaway server.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/src/server/db";
import { migrate } from "@/src/server/migrate";

/** The migrated database every test file copies. */
export const TEMPLATE_DATABASE = "stageline_template";

/** The URL of database `name` on the server of `baseUrl`. */
export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the test server (its `postgres` database); absent in the pglite project. */
    postgresUrl?: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_POSTGRES_URL;
  const server = external ? null : await startServer();
  const baseUrl = external ?? server!.url;
  try {
    await createTemplate(baseUrl);
  } catch (e) {
    server?.stop();
    throw e;
  }
  project.provide("postgresUrl", baseUrl);

  return async () => {
    if (server) server.stop();
    else await admin(baseUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`).catch(() => undefined);
  };
}

async function createTemplate(baseUrl: string) {
  // A template left by an earlier run on an external server may predate the current migrations.
  await admin(baseUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin(baseUrl, `CREATE DATABASE ${TEMPLATE_DATABASE}`);
  const database = openDatabase({ kind: "postgres", url: databaseUrl(baseUrl, TEMPLATE_DATABASE) });
  try {
    await migrate(database);
  } finally {
    // CREATE DATABASE … TEMPLATE refuses a template that has open connections.
    await database.close();
  }
}

/** Runs one statement on the server's maintenance database (CREATE/DROP DATABASE). */
export async function admin(baseUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

type Server = { url: string; stop(): void };

async function startServer(): Promise<Server> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-pg-"));
  const isRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user, and
  // its folder (and the working directory of its tools) must belong to it.
  if (isRoot) execFileSync("chown", ["postgres:", dir]);
  const command = (tool: string, args: string[]) => {
    const argv = [path.join(bin, tool), ...args];
    return isRoot ? ["runuser", "-u", "postgres", "--", ...argv] : argv;
  };
  const run = (tool: string, args: string[]) => {
    const [cmd, ...argv] = command(tool, args);
    execFileSync(cmd, argv, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  };
  const data = path.join(dir, "data");
  // Immediate: the data is thrown away, so there is nothing to flush.
  const stopArgs = ["-D", data, "-m", "immediate", "-w", "stop"];
  const watcher = stopWhenGone(process.pid, command("pg_ctl", stopArgs), dir);
  const stop = () => {
    watcher.kill();
    try {
      run("pg_ctl", stopArgs);
    } catch {
      // Not running (start failed): nothing to stop.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // --no-sync, fsync=off, full_page_writes=off: durability buys nothing for a throwaway server and
    // costs seconds on every CREATE DATABASE.
    run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = [
        `-p ${port}`,
        `-k ${dir}`,
        "-c listen_addresses=127.0.0.1",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
      ].join(" ");
      try {
        run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
      } catch (e) {
        // Another process may have taken the port between the probe and the start.
        if (attempt === 3) throw e;
      }
    }
  } catch (e) {
    const log = fs.existsSync(path.join(dir, "log")) ? fs.readFileSync(path.join(dir, "log"), "utf8") : "";
    stop();
    throw new Error(`Could not start a test PostgreSQL server: ${(e as Error).message}\n${log}`);
  }
}

/**
 * Vitest skips global teardown when it is interrupted (Ctrl-C) or killed, which would leave the
 * server running: a detached watcher stops it and removes its folder once process `pid` is gone.
 */
function stopWhenGone(pid: number, stopCommand: string[], dir: string) {
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const script = [
    `while kill -0 ${pid} 2>/dev/null; do sleep 1; done`,
    `${stopCommand.map(quote).join(" ")} >/dev/null 2>&1`,
    `rm -rf ${quote(dir)}`,
  ].join("; ");
  const watcher = spawn("sh", ["-c", script], { cwd: os.tmpdir(), detached: true, stdio: "ignore" });
  watcher.unref();
  return watcher;
}

/** The newest installed server (scripts/ensure-system.mjs installs one when there is none). */
function postgresBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb"))) : [];
  if (versions.length === 0) {
    throw new Error("No PostgreSQL server under /usr/lib/postgresql: run `node scripts/ensure-system.mjs`.");
  }
  return path.join(base, versions.sort((a, b) => Number(b) - Number(a))[0], "bin");
}

/** A port free right now; the server binds it a moment later. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
