// Stage moves per second over real HTTP on PostgreSQL, in one run, three ways (docs/performance.md,
// "Moves through nginx"):
//   direct     one instance (scripts/serve.mjs, the built app), DATABASE_URL straight to PostgreSQL;
//   nginx × 2  the local production cluster: nginx → two instances → PgBouncer → PostgreSQL;
//   nginx × 1  the same cluster once its second instance has stopped and the balancer marked it down.
// All three on the cluster's one PostgreSQL server and database, with the same clients and deals as
// the in-process moves bench (bench/workload.ts), each cell a warm-up then BENCH_SECONDS of moves.
// Run by scripts/bench.mjs (BENCH_SUITES=cluster); alone: `npx tsx bench/nginx-moves.ts`.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Cluster, type ComponentName, isAlive, ROOT, startCluster, stopCluster } from "@/scripts/cluster/cluster.mjs";
import { moveOverHttp } from "./http-move";
import { runClients, summarize } from "./run-clients";
import { type Client, prepareClients, refreshClients } from "./workload";
import { closeDatabase } from "@/src/server/db";

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${process.env[name]}"`);
  return value;
};
const SECONDS = setting("BENCH_SECONDS", 10);
const WARMUP_SECONDS = setting("BENCH_WARMUP_SECONDS", 2);
const DEALS_PER_CLIENT = setting("BENCH_DEALS_PER_CLIENT", 10);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "1,10").split(",").map((c) => {
  const n = Number(c);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_CONCURRENCY must list client counts, not "${process.env.BENCH_CONCURRENCY}"`);
  return n;
});

// Clear of the cluster's defaults (8480…) and of the cluster tests' (8580…).
const PORTS = { http: 8680, apps: [8681, 8682], pgbouncer: 8632, postgres: 8633 };
const DIRECT_PORT = 8683;

/** The server side's processes, by part: each pid counts with all its descendants. */
type Parts = { app: number[]; nginx: number[]; pgbouncer: number[]; postgres: number[] };

type Topology = { key: "direct" | "nginx-1" | "nginx-2"; label: string; instances: number; url: string; parts: () => Parts };

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, ms) of every process on the machine, with its parent: from /proc. */
function processTable(): Map<number, { ppid: number; cpuMs: number }> {
  const table = new Map<number, { ppid: number; cpuMs: number }>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // After the command's name (in parentheses, which may hold spaces): state, ppid, … utime, stime.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    table.set(Number(name), { ppid: Number(fields[1]), cpuMs: (ticks * 1000) / TICKS_PER_SECOND });
  }
  return table;
}

/** CPU ms so far of each part's processes and their descendants (PostgreSQL's backends, nginx's workers). */
function cpuOf(parts: Parts): Record<keyof Parts, number> {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree = (pid: number): number => (table.get(pid)?.cpuMs ?? 0) + (children.get(pid) ?? []).reduce((n, c) => n + tree(c), 0);
  const sum = (pids: number[]) => pids.reduce((n, pid) => n + tree(pid), 0);
  return { app: sum(parts.app), nginx: sum(parts.nginx), pgbouncer: sum(parts.pgbouncer), postgres: sum(parts.postgres) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(250);
  }
}

async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** One instance of the built app on `port`, its database PostgreSQL itself, no outbox worker in it. */
async function startDirect(databaseUrl: string, dir: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const url = `http://127.0.0.1:${DIRECT_PORT}`;
  // Else another server there could answer for it.
  if ((await status(url)) !== 0) throw new Error(`Port ${DIRECT_PORT} on 127.0.0.1 is taken: the direct instance needs it.`);
  const logFile = path.join(dir, "direct.log");
  const out = fs.openSync(logFile, "a");
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "scripts", "serve.mjs")], {
    cwd: ROOT,
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      PORT: String(DIRECT_PORT),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      // As each of the cluster's instances: the same pool, no worker in the process.
      DATABASE_POOL_SIZE: "10",
      OUTBOX_WORKER: "off",
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: url,
      STORAGE_DIR: path.join(dir, "direct-files"),
      STAGELINE_DEMO_DATA: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(20_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the direct instance exited (${child.exitCode})`);
        return (await status(`${url}/api/ready`)) === 200;
      },
      120_000,
      "the direct instance to be ready",
    );
  } catch (e) {
    await stop();
    const log = fs.readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-20).join("\n");
    throw new Error(`${(e as Error).message}\n${log}`);
  }
  return { url, pid: child.pid!, stop };
}

/** Stops the cluster's second instance and waits until nginx's upstream has it down. */
async function stopSecondInstance(cluster: Cluster) {
  const pid = cluster.pid("app-2");
  if (!pid) throw new Error("The cluster's second instance is not running.");
  process.kill(pid, "SIGTERM");
  await waitFor(() => !isAlive(pid), 30_000, "the second instance to stop");
  const upstream = path.join(cluster.dir, "nginx", "upstream.conf");
  await waitFor(() => fs.readFileSync(upstream, "utf8").includes(`${PORTS.apps[1]} max_fails=1 fail_timeout=5s down`), 10_000, "nginx's upstream");
  // The balancer has sent the reload; the old worker finishes and the new one takes over.
  await sleep(1_000);
}

async function measureCell(topology: Topology, clients: Client[]) {
  const move = moveOverHttp(topology.url);
  await runClients(clients, move, WARMUP_SECONDS);
  const loadBefore = os.loadavg()[0]!;
  const parts = topology.parts();
  const cpuBefore = cpuOf(parts);
  const run = await runClients(clients, move, SECONDS);
  const cpuAfter = cpuOf(parts);
  const { moves, conflicts, seconds, movesPerSecond, p50Ms, p95Ms, cpuMsPerMove } = summarize([run]);
  const perMove = (part: keyof Parts) => Math.round(((cpuAfter[part] - cpuBefore[part]) / (moves + conflicts)) * 100) / 100;
  const serverCpuMsPerMove = { app: perMove("app"), nginx: perMove("nginx"), pgbouncer: perMove("pgbouncer"), postgres: perMove("postgres") };
  const cell = {
    topology: topology.key,
    label: topology.label,
    instances: topology.instances,
    concurrency: clients.length,
    moves,
    conflicts,
    seconds,
    movesPerSecond,
    p50Ms,
    p95Ms,
    clientCpuMsPerMove: cpuMsPerMove,
    serverCpuMsPerMove,
    loadAverage: { before: loadBefore, after: os.loadavg()[0]! },
  };
  console.log(
    `${topology.label} × ${topology.instances}, ${clients.length} client(s): ${movesPerSecond} moves/s, p50 ${p50Ms} ms, p95 ${p95Ms} ms, ` +
      `${conflicts} conflict(s); CPU ms/move: app ${serverCpuMsPerMove.app}, nginx ${serverCpuMsPerMove.nginx}, ` +
      `PgBouncer ${serverCpuMsPerMove.pgbouncer}, PostgreSQL ${serverCpuMsPerMove.postgres}, client ${cpuMsPerMove}`,
  );
  return cell;
}

async function serverVersion(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]!.server_version.split(" ")[0]!;
  } finally {
    await client.end();
  }
}

async function main() {
  // The cluster's folder is made anew by startCluster (readable by the servers' user); the direct
  // instance's log and files go in a folder of their own.
  const clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-bench-cluster-"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-bench-direct-"));
  let cluster: Cluster | undefined;
  let direct: { url: string; pid: number; stop: () => Promise<void> } | undefined;
  let failed = false;
  let cleaning: Promise<void> | undefined;
  // Once, whether the run ends, fails or is interrupted (or the one while the other is under way).
  const cleanUp = () => (cleaning ??= stopAll());
  const stopAll = async () => {
    await direct?.stop();
    // A run that failed keeps both folders, for their logs (the cluster's: `logs/`, `nginx/`…).
    await stopCluster(clusterDir, { keepFolder: failed || !cluster });
    if (failed || !cluster) console.error(`Logs kept in ${clusterDir} and ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  };
  // The cluster's processes are detached: an interrupted run stops them before it exits.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      console.error(`${signal}: stopping the cluster`);
      failed = true;
      void cleanUp().finally(() => process.exit(130));
    });

  try {
    const started = performance.now();
    cluster = await startCluster({ dir: clusterDir, ports: PORTS, demoData: false, log: (line) => console.log(`[cluster] ${line}`) });
    // The workload's helpers write through this process's database, opened on its first use (not
    // yet): PostgreSQL itself, the database the instances use through PgBouncer.
    process.env.DATABASE_URL = cluster.postgresUrl;
    process.env.OUTBOX_WORKER = "off";
    const clients = await prepareClients(Math.max(...CONCURRENCY), DEALS_PER_CLIENT);
    await refreshClients(clients);
    await closeDatabase();
    const version = await serverVersion(cluster.postgresUrl);
    const setupSeconds = Math.round((performance.now() - started) / 1000);

    const cells = [];
    direct = await startDirect(cluster.postgresUrl, dir);
    const directPid = direct.pid;
    const running = (c: Cluster, ...names: ComponentName[]) => names.map((n) => c.pid(n)).filter((pid): pid is number => pid !== null);
    const postgres = running(cluster, "postgres");
    const inCluster = (c: Cluster) => ({
      app: running(c, "app-1", "app-2"),
      nginx: running(c, "nginx"),
      pgbouncer: running(c, "pgbouncer"),
      postgres,
    });
    const topologies: Topology[] = [
      { key: "direct", label: "direct", instances: 1, url: direct.url, parts: () => ({ app: [directPid], nginx: [], pgbouncer: [], postgres }) },
      { key: "nginx-2", label: "nginx", instances: 2, url: cluster.url, parts: () => inCluster(cluster!) },
      { key: "nginx-1", label: "nginx", instances: 1, url: cluster.url, parts: () => inCluster(cluster!) },
    ];
    for (const topology of topologies) {
      if (topology.key === "nginx-2") {
        await direct?.stop();
        direct = undefined;
      }
      if (topology.key === "nginx-1") await stopSecondInstance(cluster);
      for (const concurrency of CONCURRENCY) cells.push(await measureCell(topology, clients.slice(0, concurrency)));
    }

    const result = {
      database: "postgres",
      version,
      settings: { SECONDS, WARMUP_SECONDS, DEALS_PER_CLIENT, CONCURRENCY, ports: { ...PORTS, direct: DIRECT_PORT } },
      setupSeconds,
      cells,
    };
    const out = process.env.BENCH_OUT;
    if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
    else console.log(JSON.stringify(result, null, 2));
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    await cleanUp();
  }
}

await main();
