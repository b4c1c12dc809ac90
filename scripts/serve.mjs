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

const server = http.createServer(handler);
server.on("error", (error) => {
  log.fatal({ err: error }, `The server cannot listen: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => log.info(`Listening on port ${port}`));

// Stop taking connections, let the requests in progress finish (10 s at most), then close the app.
let stopping = false;
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing the requests in flight (10 s at most), then stopping`);
    setTimeout(() => process.exit(code), 10_000).unref();
    const drained = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    // The app's own stopping work (src/server/ops/shutdown.ts), such as the outbox worker handing
    // back its claimed messages, runs while the requests finish.
    const hooks = [...(globalThis[Symbol.for("stageline.shutdownHooks")] ?? [])];
    const stopped = Promise.allSettled(hooks.map((hook) => hook()));
    Promise.all([drained, stopped])
      .then(() => app.close())
      .finally(() => process.exit(code));
  });
}
