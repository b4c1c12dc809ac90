#!/usr/bin/env node
// `npm start`: build when the sources changed since the last build, then serve. The server
// migrates the database and loads demo data itself at boot (instrumentation.ts), so the embedded
// database folder is only ever opened by the serving process.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensureBuild } from "./ensure-build.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
env.PORT ??= "3000";
env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;

// Sessions are signed with NEXTAUTH_SECRET. Without one, a random secret is made once and kept
// in the data folder, so that sessions survive a restart. Several instances must share one: set it.
if (!env.NEXTAUTH_SECRET) {
  const file = path.join(root, "data", "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

try {
  ensureBuild(root, env);
} catch (error) {
  console.error(`[stageline] ${error.message}`);
  process.exit(1);
}

console.log(`[stageline] Starting on http://localhost:${env.PORT}`);
// Through the app's own server, which tells the app each connection's address (scripts/serve.mjs).
const server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
