#!/usr/bin/env node
// Serves the built app (`npm start` runs it after building; so do the end-to-end tests): Next's own
// request handler behind a plain Node HTTP server, so that the app knows each connection's address
// for its sign-in limits and security log (client-address.mjs). PORT and HOSTNAME as `next start`.
import http from "node:http";
import path from "node:path";
import pino from "pino";
import { withClientAddress } from "./client-address.mjs";

// Lines as the app's own (src/server/ops/log.ts): JSON, ISO times, the level by name.
const log = pino({
  level: process.env.LOG_LEVEL || "info",
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const dir = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined; // all interfaces, as `next start`

const app = next({ dev: false, dir, port, hostname });
// Wrapped before the app boots, so that it sees at boot that it is served here (its secret exists).
const handler = withClientAddress(app.getRequestHandler());
await app.prepare();

// While stopping, /api/ready answers 503 here, before the app, so a balancer that polls it (the local
// cluster's, docs/deployment.md) takes this instance out before its listener closes.
let stopping = false;
const server = http.createServer((req, res) => {
  if (stopping && req.url?.split("?")[0] === "/api/ready") {
    res.writeHead(503, { "content-type": "application/json", "cache-control": "no-store", "retry-after": "5", connection: "close" });
    res.end(JSON.stringify({ status: "unavailable", reason: "the instance is stopping" }));
    return;
  }
  handler(req, res);
});
server.on("error", (error) => {
  log.fatal({ err: error }, `The server cannot listen: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => log.info(`Listening on port ${port}`));

// SHUTDOWN_DELAY_MS (0): how long a stopping instance keeps serving, /api/ready answering 503, before
// it closes its listener. Closing at once refuses new connections, which a balancer may send on to
// another instance only when it has not sent the request yet: a connection the kernel had accepted
// but the server had not is reset after the request went out, and a POST is then lost.
const shutdownDelayMs = Math.max(0, Number(process.env.SHUTDOWN_DELAY_MS) || 0);

// Stop taking connections, let the requests in progress finish (10 s at most), then close the app.
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const delay = shutdownDelayMs ? `serving ${shutdownDelayMs} ms more while not ready, then ` : "";
    log.info(`${signal}: ${delay}finishing the requests in flight (10 s at most), then stopping`);
    // The app's own stopping work (src/server/ops/shutdown.ts), such as the outbox worker handing
    // back its claimed messages, starts at once and runs while the requests finish.
    const hooks = [...(globalThis[Symbol.for("stageline.shutdownHooks")] ?? [])];
    const stopped = Promise.allSettled(hooks.map((hook) => hook()));
    setTimeout(() => {
      setTimeout(() => process.exit(code), 10_000).unref();
      const drained = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      Promise.all([drained, stopped])
        .then(() => app.close())
        .finally(() => process.exit(code));
    }, shutdownDelayMs);
  });
}
