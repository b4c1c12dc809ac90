#!/usr/bin/env node
// `npm run cluster [up|down|status|logs]`: a local production cluster (docs/deployment.md): PostgreSQL,
// PgBouncer in transaction pooling mode, two app instances, the outbox worker and nginx, on loopback
// ports, in the folder .cluster (CLUSTER_DIR). `up` (the default) returns when nginx answers through
// every instance; `down` stops everything and removes the folder.
import fs from "node:fs";
import { clusterLogFiles, clusterOptionsFromEnv, clusterStatus, startCluster, stopCluster, tail } from "./cluster/cluster.mjs";

const USAGE = "usage: npm run cluster [up|down|status|logs]";

async function up(dir, ports) {
  const cluster = await startCluster({ dir, ports });
  console.log(`
Stageline runs on ${cluster.url}
  instances ${ports.apps.map((p) => `127.0.0.1:${p}`).join(", ")}, PgBouncer 127.0.0.1:${ports.pgbouncer}, PostgreSQL 127.0.0.1:${ports.postgres}
  sign in as admin@stageline.test (or rep@, manager@stageline.test…), password "stageline-demo"
  npm run cluster status | logs | down        files and logs: ${dir}`);
}

async function status(dir) {
  const state = await clusterStatus(dir);
  if (!state) {
    console.log(`No cluster in ${dir}.`);
    return;
  }
  console.log(`Cluster ${state.url} (${dir})`);
  for (const row of state.rows) {
    const ready = row.ready === undefined ? "" : `  /api/ready ${row.ready || "no answer"}`;
    const port = row.port ? `  :${row.port}` : "";
    console.log(`  ${row.name.padEnd(10)} ${row.running ? `running (pid ${row.pid})` : "not running"}${port}${ready}`);
  }
  console.log(`  nginx upstream:\n${state.upstream.replace(/^/gm, "    ").trimEnd()}`);
}

function logs(dir) {
  if (!fs.existsSync(dir)) {
    console.log(`No cluster in ${dir}.`);
    return;
  }
  for (const [name, file] of clusterLogFiles(dir)) {
    console.log(`==> ${name}: ${file}`);
    console.log(tail(file, 20) || "(empty)");
  }
}

const [command = "up", ...rest] = process.argv.slice(2);
try {
  const { dir, ports } = clusterOptionsFromEnv();
  if (rest.length > 0) throw new Error(USAGE);
  if (command === "up") await up(dir, ports);
  else if (command === "down") {
    await stopCluster(dir);
    console.log(`Stopped; ${dir} removed.`);
  } else if (command === "status") await status(dir);
  else if (command === "logs") logs(dir);
  else throw new Error(USAGE);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
