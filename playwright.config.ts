// End-to-end tests: Debian's Chromium against the built app (`next build` first; scripts/test.mjs
// does both), which migrates and seeds demo data into a fresh PGlite folder at boot.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;

// This file is loaded by the runner and again by each worker. The runner picks the folder and
// publishes it in the environment, which the workers inherit, so all of them agree on it.
if (!process.env.E2E_PGLITE_DIR) {
  const dir = path.join(os.tmpdir(), `stageline-e2e-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true }); // a leftover of an earlier process with this pid
  process.env.E2E_PGLITE_DIR = dir;
}
const pgliteDir = process.env.E2E_PGLITE_DIR;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        launchOptions: {
          // Debian's build (scripts/ensure-system.mjs): `playwright install` downloads from a CDN.
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox", // runs as root in CI, where Chromium refuses its sandbox
            "--disable-gpu",
            // No call may leave the machine: updates, sync, field trials, first-run pages.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            // Even with the flags above Chromium looks up accounts.google.com and
            // update.googleapis.com; this fails every name but the app's.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
          ],
        },
      },
    },
  ],
  webServer: {
    // The app's own server, as `npm start` serves it: the tests see the client address it sets.
    command: "node scripts/serve.mjs",
    url: baseURL,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      PGLITE_DIR: pgliteDir,
      DATABASE_URL: "", // PGlite even when the shell names a server
      NEXTAUTH_SECRET: "e2e-secret",
      NEXTAUTH_URL: baseURL,
      STAGELINE_DEMO_DATA: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
