// A local production cluster (docs/deployment.md): a private PostgreSQL server, PgBouncer in
// transaction pooling mode in front of it, app instances (scripts/serve.mjs) and one outbox worker
// reaching it through PgBouncer, nginx balancing the instances, and the balancer that takes an
// instance out of nginx's upstream while its /api/ready fails. Everything listens on loopback and
// keeps its files in one folder, which `stopCluster` removes. `npm run cluster` (scripts/cluster.mjs)
// and the cluster tests (tests/cluster) both start it here.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureBuild } from "../ensure-build.mjs";
import { ensureNginx, ensurePgbouncer, ensurePostgres, NGINX, PGBOUNCER } from "../ensure-system.mjs";
import { DATABASE, nginxConf, pgbouncerIni, pgbouncerUserlist, upstreamConf } from "./configs.mjs";
import {
  giveToServiceUser,
  httpStatus,
  isAlive,
  isListening,
  readPid,
  runService,
  runServiceAsync,
  spawnDetached,
  stopProcess,
  tail,
  waitFor,
} from "./processes.mjs";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Ports and folder from the environment, with defaults clear of the tests' (3100-3160, 3700-3760). */
export function clusterOptionsFromEnv(env = process.env) {
  const port = (name, fallback) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number, not "${env[name]}"`);
    return value;
  };
  const apps = (env.CLUSTER_APP_PORTS ?? "8481,8482").split(",").map((p) => port("CLUSTER_APP_PORTS", p.trim()));
  return {
    dir: path.resolve(env.CLUSTER_DIR ?? path.join(ROOT, ".cluster")),
    ports: {
      http: port("CLUSTER_HTTP_PORT", 8480),
      apps,
      pgbouncer: port("CLUSTER_PGBOUNCER_PORT", 8432),
      postgres: port("CLUSTER_POSTGRES_PORT", 8433),
    },
  };
}

/** The components' names, as in pid files, logs and `status`. */
const appName = (i) => `app-${i + 1}`;

function layout(dir) {
  return {
    state: path.join(dir, "cluster.json"),
    secrets: path.join(dir, "secrets.json"),
    run: path.join(dir, "run"),
    logs: path.join(dir, "logs"),
    files: path.join(dir, "files"),
    postgres: path.join(dir, "postgres"),
    pgdata: path.join(dir, "postgres", "data"),
    pgbouncer: path.join(dir, "pgbouncer"),
    nginx: path.join(dir, "nginx"),
  };
}

function postgresBin() {
  const base = "/usr/lib/postgresql";
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb")));
  // PostgreSQL 15 where it is installed (Debian bookworm's), else the newest.
  const version = versions.includes("15") ? "15" : versions.sort((a, b) => Number(b) - Number(a))[0];
  return path.join(base, version, "bin");
}

/**
 * Starts a cluster in `dir` and resolves when nginx answers /api/ready through every instance.
 * Options: dir, ports { http, apps[], pgbouncer, postgres }, demoData (true), build (true),
 * env (added to the instances' and the worker's), log (console.log).
 */
export async function startCluster(options = {}) {
  const { dir, ports } = { ...clusterOptionsFromEnv(), ...options };
  const say = options.log ?? ((line) => console.log(`[cluster] ${line}`));
  const f = layout(dir);
  ensurePostgres();
  ensurePgbouncer();
  ensureNginx();
  if (options.build !== false) ensureBuild(ROOT, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });

  if (fs.existsSync(dir)) {
    if (runningComponents(dir).length > 0) throw new Error(`A cluster runs in ${dir}: stop it first (npm run cluster down).`);
    fs.rmSync(dir, { recursive: true, force: true }); // left by a start that failed
  }
  const all = [ports.http, ...ports.apps, ports.pgbouncer, ports.postgres];
  for (const port of all) if (await isListening(port)) throw new Error(`Port ${port} on 127.0.0.1 is taken (see the CLUSTER_*_PORT settings).`);
  if (new Set(all).size !== all.length) throw new Error(`The cluster's ports must differ: ${all.join(", ")}`);

  for (const folder of [f.run, f.logs, f.files, f.postgres, f.pgbouncer, path.join(f.nginx, "temp")]) fs.mkdirSync(folder, { recursive: true });
  giveToServiceUser(f.postgres, f.pgbouncer, f.nginx);
  const secrets = { password: crypto.randomBytes(24).toString("hex"), nextAuthSecret: crypto.randomBytes(32).toString("base64url") };
  fs.writeFileSync(f.secrets, JSON.stringify(secrets), { mode: 0o600 });
  const url = `http://127.0.0.1:${ports.http}`;
  fs.writeFileSync(f.state, `${JSON.stringify({ ports, url, startedAt: new Date().toISOString() }, null, 2)}\n`);

  const cluster = clusterHandle(dir, ports, url, secrets, options);
  try {
    say(`PostgreSQL on 127.0.0.1:${ports.postgres}`);
    await startPostgres(f, ports, secrets.password);
    say(`PgBouncer (transaction pooling) on 127.0.0.1:${ports.pgbouncer}`);
    fs.writeFileSync(path.join(f.pgbouncer, "pgbouncer.ini"), pgbouncerIni({ dir, ports, poolSize: 20 }));
    fs.writeFileSync(path.join(f.pgbouncer, "userlist.txt"), pgbouncerUserlist(secrets.password), { mode: 0o600 });
    giveToServiceUser(f.pgbouncer);
    runService([PGBOUNCER, "-d", path.join(f.pgbouncer, "pgbouncer.ini")], dir);
    await waitFor(() => isListening(ports.pgbouncer), 10_000, "PgBouncer");

    // All at once, as a deployment starts them: the migrations are applied once (src/server/migrate.ts).
    say(`App instances on ${ports.apps.map((p) => `127.0.0.1:${p}`).join(", ")} and the outbox worker`);
    for (let i = 0; i < ports.apps.length; i++) cluster.startInstance(i);
    cluster.startWorker();
    await Promise.all(
      ports.apps.map((port, i) =>
        waitFor(async () => (await httpStatus(`http://127.0.0.1:${port}/api/ready`)) === 200, 240_000, `${appName(i)} to be ready`, 500),
      ),
    );

    say(`nginx on ${url}`);
    fs.writeFileSync(path.join(f.nginx, "nginx.conf"), nginxConf({ dir, ports }));
    fs.writeFileSync(path.join(f.nginx, "upstream.conf"), upstreamConf(ports.apps, ports.apps));
    giveToServiceUser(f.nginx);
    runService([NGINX, ...nginxArgs(f)], dir);
    spawnDetached({
      argv: [process.execPath, path.join(ROOT, "scripts", "cluster", "balancer.mjs"), dir],
      env: process.env,
      cwd: ROOT,
      logFile: path.join(f.logs, "balancer.log"),
      pidFile: path.join(f.run, "balancer.pid"),
    });
    // Round robin: as many answers as instances, each instance ready, means each answered one.
    for (let i = 0; i < ports.apps.length; i++)
      await waitFor(async () => (await httpStatus(`${url}/api/ready`)) === 200, 30_000, "nginx to answer /api/ready");
  } catch (e) {
    await stopCluster(dir, { keepFolder: true }).catch(() => undefined);
    throw new Error(`${e.message}\nThe cluster was stopped; its logs are in ${dir} (npm run cluster logs).`);
  }
  return cluster;
}

const nginxArgs = (f) => ["-p", `${f.nginx}/`, "-c", path.join(f.nginx, "nginx.conf"), "-e", path.join(f.nginx, "error.log")];

async function startPostgres(f, ports, password) {
  const bin = postgresBin();
  // No fsync while the data folder is made: it is new, and a failed start is started again from nothing.
  runService(
    [path.join(bin, "initdb"), "-D", f.pgdata, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"],
    f.postgres,
  );
  startPostgresServer(f, ports);
  // The superuser over the Unix socket (trust, local only); the app's role logs in with a password.
  const admin = new pg.Client({ host: f.postgres, port: ports.postgres, user: "postgres", database: "postgres" });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${DATABASE} LOGIN PASSWORD '${password}'`);
    await admin.query(`CREATE DATABASE ${DATABASE} OWNER ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

/** Starts the cluster's PostgreSQL server on its data folder, and waits until it accepts connections. */
function startPostgresServer(f, ports, run = runService) {
  const options = [`-p ${ports.postgres}`, `-k ${f.postgres}`, "-c listen_addresses=127.0.0.1"].join(" ");
  return run(
    [path.join(postgresBin(), "pg_ctl"), "-D", f.pgdata, "-o", options, "-l", path.join(f.postgres, "postgres.log"), "-w", "start"],
    f.postgres,
  );
}

function clusterHandle(dir, ports, url, secrets, options) {
  const f = layout(dir);
  const databaseUrl = `postgres://${DATABASE}:${secrets.password}@127.0.0.1:${ports.pgbouncer}/${DATABASE}`;
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "10",
    NEXTAUTH_SECRET: secrets.nextAuthSecret,
    NEXTAUTH_URL: url,
    STORAGE_DIR: f.files,
    STAGELINE_DEMO_DATA: options.demoData === false ? "0" : "1",
    OUTBOX_WORKER: "off",
    // Only nginx reaches the instances (loopback): its X-Forwarded-For names the client.
    TRUST_PROXY: "1",
    // The balancer asks /api/ready twice a second: 5 s is time to take a stopping instance out.
    SHUTDOWN_DELAY_MS: "5000",
    ...options.env,
  };
  const start = (name, argv, extra = {}) =>
    spawnDetached({
      argv,
      env: { ...env, ...extra },
      cwd: ROOT,
      logFile: path.join(f.logs, `${name}.log`),
      pidFile: path.join(f.run, `${name}.pid`),
    });
  return {
    dir,
    url,
    ports,
    /** The URL the instances and the worker use: through PgBouncer. */
    databaseUrl,
    /** PostgreSQL itself, past PgBouncer. */
    postgresUrl: `postgres://${DATABASE}:${secrets.password}@127.0.0.1:${ports.postgres}/${DATABASE}`,
    logFile: (name) => (name === "nginx" ? path.join(f.nginx, "access.log") : path.join(f.logs, `${name}.log`)),
    /** The pid of "app-1"…, "worker", "balancer", "nginx", "pgbouncer" or "postgres", or null. */
    pid: (name) => componentPid(dir, name),
    /** Starts instance `i` (0-based) again, on its port, after it stopped. */
    startInstance: (i) =>
      start(appName(i), [process.execPath, path.join(ROOT, "scripts", "serve.mjs")], { PORT: String(ports.apps[i]), HOSTNAME: "127.0.0.1" }),
    // What `npm run worker` runs, without npm in between: its signals reach the worker itself.
    startWorker: () => start("worker", [process.execPath, "--import", "tsx", path.join(ROOT, "scripts", "worker.ts")]),
    /** Stops PostgreSQL at once (fast shutdown: sessions ended, transactions rolled back), as a crash or a failover would. */
    stopPostgres: () => runServiceAsync([path.join(postgresBin(), "pg_ctl"), "-D", f.pgdata, "-m", "fast", "-w", "stop"], f.postgres),
    /** Starts PostgreSQL again on its data folder. */
    startPostgres: () => startPostgresServer(f, ports, runServiceAsync),
    stop: () => stopCluster(dir),
  };
}

function componentPid(dir, name) {
  const f = layout(dir);
  if (name === "nginx") return readPid(path.join(f.nginx, "nginx.pid"));
  if (name === "pgbouncer") return readPid(path.join(f.pgbouncer, "pgbouncer.pid"));
  if (name === "postgres") return readPid(path.join(f.pgdata, "postmaster.pid"));
  return readPid(path.join(f.run, `${name}.pid`));
}

function componentNames(dir) {
  const f = layout(dir);
  const started = fs.existsSync(f.run) ? fs.readdirSync(f.run).map((n) => n.replace(/\.pid$/, "")) : [];
  const apps = started.filter((n) => n.startsWith("app-")).sort();
  const others = ["worker", "balancer"].filter((n) => started.includes(n));
  return [...apps, ...others, "nginx", "pgbouncer", "postgres"];
}

function runningComponents(dir) {
  return componentNames(dir).filter((name) => isAlive(componentPid(dir, name)));
}

/**
 * Stops every process of the cluster in `dir`, the front first: the balancer, nginx (finishing its
 * requests), the instances and the worker (SIGTERM: they finish theirs), PgBouncer, PostgreSQL.
 * Each is killed if it has not ended in time. Then removes the folder, unless `keepFolder`.
 */
export async function stopCluster(dir, { keepFolder = false } = {}) {
  if (!fs.existsSync(dir)) return;
  const f = layout(dir);
  const pid = (name) => componentPid(dir, name);
  await stopProcess(pid("balancer"), { group: true, timeoutMs: 5_000 });
  await stopProcess(pid("nginx"), { signal: "SIGQUIT", timeoutMs: 10_000 });
  const apps = componentNames(dir).filter((n) => n.startsWith("app-") || n === "worker");
  await Promise.all(apps.map((name) => stopProcess(pid(name), { group: true, timeoutMs: 20_000 })));
  await stopProcess(pid("pgbouncer"), { timeoutMs: 5_000 });
  if (isAlive(pid("postgres"))) {
    try {
      runService([path.join(postgresBin(), "pg_ctl"), "-D", f.pgdata, "-m", "fast", "-w", "stop"], f.postgres);
    } catch {
      await stopProcess(pid("postgres"), { signal: "SIGQUIT", timeoutMs: 5_000 });
    }
  }
  if (!keepFolder) fs.rmSync(dir, { recursive: true, force: true });
}

/** What runs in `dir`: each component's pid and state, each instance's /api/ready and nginx's. */
export async function clusterStatus(dir) {
  const f = layout(dir);
  if (!fs.existsSync(f.state)) return null;
  const { ports, url } = JSON.parse(fs.readFileSync(f.state, "utf8"));
  const rows = [];
  for (const name of componentNames(dir)) {
    const pid = componentPid(dir, name);
    const row = { name, pid, running: isAlive(pid) };
    if (name.startsWith("app-")) {
      const port = ports.apps[Number(name.slice(4)) - 1];
      row.port = port;
      row.ready = await httpStatus(`http://127.0.0.1:${port}/api/ready`);
    }
    if (name === "nginx") {
      row.port = ports.http;
      row.ready = await httpStatus(`${url}/api/ready`);
    }
    if (name === "pgbouncer") row.port = ports.pgbouncer;
    if (name === "postgres") row.port = ports.postgres;
    rows.push(row);
  }
  const upstream = fs.existsSync(path.join(f.nginx, "upstream.conf")) ? fs.readFileSync(path.join(f.nginx, "upstream.conf"), "utf8") : "";
  return { url, rows, upstream };
}

/** The log files of the cluster in `dir`, by component. */
export function clusterLogFiles(dir) {
  const f = layout(dir);
  const apps = componentNames(dir).filter((n) => n.startsWith("app-") || n === "worker" || n === "balancer");
  return [
    ...apps.map((n) => [n, path.join(f.logs, `${n}.log`)]),
    ["nginx", path.join(f.nginx, "error.log")],
    ["nginx access", path.join(f.nginx, "access.log")],
    ["pgbouncer", path.join(f.pgbouncer, "pgbouncer.log")],
    ["postgres", path.join(f.postgres, "postgres.log")],
  ];
}

export { isAlive, tail };
