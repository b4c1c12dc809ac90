// The local cluster's active health check, which open-source nginx lacks: twice a second it asks each
// instance's /api/ready, and when the set of ready instances changes it rewrites nginx's upstream
// (those not ready marked down) and has nginx reload it. An instance that is stopping answers 503 at
// once (scripts/serve.mjs), so it is out of the upstream before it closes its listener. A change is
// applied once two checks in a row agree on it: a reload closes nginx's idle client connections (a
// request sent on one at that moment fails), so the upstream is not reloaded for a state that lasts
// a moment, such as the instants between two instances losing their database one after the other
// (docs/deployment.md).
//   node scripts/cluster/balancer.mjs <cluster folder>     (started by scripts/cluster/cluster.mjs)
import fs from "node:fs";
import path from "node:path";
import { upstreamConf } from "./configs.mjs";
import { httpStatus, readPid, signal } from "./processes.mjs";

const INTERVAL_MS = 500;

const dir = process.argv[2];
const { ports } = JSON.parse(fs.readFileSync(path.join(dir, "cluster.json"), "utf8"));
const upstreamFile = path.join(dir, "nginx", "upstream.conf");
const say = (msg) => console.log(JSON.stringify({ time: new Date().toISOString(), msg }));

let current = fs.readFileSync(upstreamFile, "utf8");
/** The upstream the previous check wanted, when it differed from the current one. */
let pending = null;
let stopping = false;
for (const name of ["SIGTERM", "SIGINT"]) process.on(name, () => (stopping = true));

say(`Watching /api/ready of ${ports.apps.join(", ")}`);
while (!stopping) {
  const statuses = await Promise.all(ports.apps.map((port) => httpStatus(`http://127.0.0.1:${port}/api/ready`, 3_000)));
  const ready = ports.apps.filter((_, i) => statuses[i] === 200);
  const next = upstreamConf(ports.apps, ready);
  const confirmed = next !== current && next === pending;
  pending = next === current ? null : next;
  if (confirmed && !stopping) {
    fs.writeFileSync(`${upstreamFile}.new`, next);
    fs.renameSync(`${upstreamFile}.new`, upstreamFile);
    current = next;
    const nginx = readPid(path.join(dir, "nginx", "nginx.pid"));
    const reloaded = nginx !== null && signal(nginx, "SIGHUP");
    const states = ports.apps.map((port, i) => `${port} ${statuses[i] === 200 ? "ready" : `not ready (${statuses[i] || "no answer"})`}`);
    say(`Upstream: ${states.join(", ")}${ready.length === 0 ? "; none ready, all kept in" : ""}${reloaded ? "" : "; nginx not running"}`);
  }
  await new Promise((r) => setTimeout(r, INTERVAL_MS));
}
say("Stopped");
