#!/usr/bin/env node
// `npm run screenshots`: every page of the app at desktop and tablet width, into docs/screenshots/
// (<page>-desktop.png, <page>-tablet.png). Serves the production build, rebuilt first when stale,
// on a fresh embedded database with demo data, and signs in as the demo users.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { ensureBuild } from "./ensure-build.mjs";
import { pickDeals, SHOTS, signIn } from "./screenshot-pages.mjs";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "docs", "screenshots");
const VIEWPORTS = { desktop: { width: 1440, height: 900 }, tablet: { width: 834, height: 1112 } };
// A full-page shot is cut here, so a long history does not make a huge file.
const MAX_HEIGHT = 4000;

const portIsFree = (port) =>
  new Promise((resolve) => {
    const server = net.createServer().once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });

/** SCREENSHOT_PORT when set (it must be free), else the first free port from 3190. */
async function choosePort() {
  if (process.env.SCREENSHOT_PORT) {
    const port = Number(process.env.SCREENSHOT_PORT);
    if (!(await portIsFree(port))) throw new Error(`SCREENSHOT_PORT ${port} is in use`);
    return port;
  }
  for (let port = 3190; port < 3290; port++) if (await portIsFree(port)) return port;
  throw new Error("no free port in 3190-3289; set SCREENSHOT_PORT");
}

function startServer(port, dataDir) {
  const baseURL = `http://localhost:${port}`;
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: "", // the embedded database even when the shell names a server
    PGLITE_DIR: path.join(dataDir, "pglite"), // fresh: migrated and loaded with demo data at boot
    STORAGE_DIR: path.join(dataDir, "files"),
    STAGELINE_DEMO_DATA: "1",
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: baseURL,
    PORT: String(port),
  };
  // Its own process group, so that stopping it stops everything it started.
  const child = spawn(process.execPath, ["scripts/serve.mjs"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (log = (log + chunk).slice(-20_000)));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return { baseURL, child, exited, log: () => log };
}

async function waitUntilServing(server, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let done = false;
  server.exited.then(() => (done = true));
  while (Date.now() < deadline && !done) {
    const status = await fetch(`${server.baseURL}/signin`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not answer 200 on /signin${done ? " (it exited)" : ""}:\n${server.log()}`);
}

function stopServer(server) {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return Promise.resolve();
  try {
    process.kill(-server.child.pid, "SIGTERM");
  } catch {
    return Promise.resolve();
  }
  const force = setTimeout(() => {
    try {
      process.kill(-server.child.pid, "SIGKILL");
    } catch {}
  }, 10_000);
  return server.exited.finally(() => clearTimeout(force));
}

async function capture(page, file, { fullPage }) {
  // Not forever: Chromium never reports some link prefetches done (seen for links to routes the
  // build lacks), which would hold the network busy.
  await page.waitForLoadState("networkidle", { timeout: 8_000 }).catch(() => {});
  await page.evaluate(() => document.fonts.ready.then(() => true));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const clip = fullPage && height > MAX_HEIGHT ? { x: 0, y: 0, width: page.viewportSize().width, height: MAX_HEIGHT } : undefined;
  await page.screenshot({ path: file, fullPage, clip, animations: "disabled" });
}

async function shootAll(baseURL, shotsDir) {
  const deals = await pickDeals(baseURL);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      const contexts = new Map(); // one signed-in session per user and width
      for (const shot of SHOTS) {
        const key = shot.user ?? "anonymous";
        if (!contexts.has(key)) {
          const context = await browser.newContext({ baseURL, viewport });
          if (shot.user) await signIn(await context.newPage(), shot.user);
          contexts.set(key, context);
        }
        const page = await contexts.get(key).newPage();
        await shot.open(page, deals);
        await capture(page, path.join(shotsDir, `${shot.name}-${width}.png`), { fullPage: shot.fullPage !== false });
        console.log(`[screenshots] ${shot.name}-${width}.png`);
        await page.close();
      }
      for (const context of contexts.values()) await context.close();
    }
  } finally {
    await browser.close();
  }
}

function replaceScreenshots(shotsDir) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const old of fs.readdirSync(outDir).filter((f) => f.endsWith(".png"))) fs.rmSync(path.join(outDir, old));
  for (const file of fs.readdirSync(shotsDir)) fs.copyFileSync(path.join(shotsDir, file), path.join(outDir, file));
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-screenshots-"));
let server;
const cleanUp = () => {
  if (server && server.child.exitCode === null) {
    try {
      process.kill(-server.child.pid, "SIGKILL");
    } catch {}
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });

try {
  ensureBuild(root, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  server = startServer(await choosePort(), dataDir);
  await waitUntilServing(server);
  console.log(`[screenshots] serving on ${server.baseURL}`);
  const shotsDir = path.join(dataDir, "shots");
  fs.mkdirSync(shotsDir);
  await shootAll(server.baseURL, shotsDir);
  replaceScreenshots(shotsDir);
  console.log(`[screenshots] wrote ${path.relative(root, outDir)}/`);
} catch (error) {
  console.error(`[screenshots] ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await stopServer(server);
  cleanUp();
}
