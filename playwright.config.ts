// End-to-end tests: Debian's Chromium against the built app (`next build` first; scripts/test.mjs
// does both), which migrates and seeds demo data into a fresh PGlite folder at boot. Single sign-on
// goes through a real OpenID Connect provider started beside it (e2e/oidc), and a second app server,
// in memory, trusts that provider's unverified e-mails (e2e/sso.spec.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import { OIDC_CLIENT, OIDC_ISSUER, OIDC_NAME, TRUSTING_PORT } from "./e2e/oidc/cast";
import { E2E_MAIL_FROM, RECEIVED_URL, SLACK_HOOK_URL, SMTP_RECEIVER_URL } from "./e2e/receivers/ports";
import { EMBED_PARENT_ORIGIN } from "./e2e/support/embed-ports";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
const trustingURL = `http://localhost:${TRUSTING_PORT}`;

const appEnv = (url: string) => ({
  NEXTAUTH_SECRET: "e2e-secret",
  NEXTAUTH_URL: url,
  STAGELINE_DEMO_DATA: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  OIDC_ISSUER,
  OIDC_CLIENT_ID: OIDC_CLIENT.id,
  OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
  OIDC_NAME,
  // scrypt at its production cost (2^17, 128 MiB) takes about a second of this machine's CPU per
  // sign-in and per token, and the specs make hundreds; the cost is the password tests' subject
  // (tests/auth/password.test.ts), not these.
  PASSWORD_HASH_COST: "10",
});
const appServer = { reuseExistingServer: false, timeout: 180_000, stdout: "pipe", stderr: "pipe" } as const;

// This file is loaded by the runner and again by each worker. The runner picks the folder and
// publishes it in the environment, which the workers inherit, so all of them agree on it.
if (!process.env.E2E_PGLITE_DIR) {
  const dir = path.join(os.tmpdir(), `stageline-e2e-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true }); // a leftover of an earlier process with this pid
  process.env.E2E_PGLITE_DIR = dir;
}
const pgliteDir = process.env.E2E_PGLITE_DIR;

/**
 * Specs that read or change what every other spec shares run once the others are done: the closing's
 * templates (admin-closing edits them, closing reads them) and the workspace's totals (the dashboard
 * compares a figure with the list behind it, while the other specs add deals; its targets page reads
 * what was won so far), the users (admin-people invites and deactivates users of its own, which
 * the users lists of the other specs would then show), and the processes (admin-processes counts
 * the open deals each version of Standard B2B holds, which the other specs add to).
 */
const AFTER_THE_REST = /(admin-closing|admin-integrations|admin-people|admin-processes|admin-tokens|dashboard|dashboard-targets)\.spec\.ts$/;

/**
 * And one spec runs last of all, alone: admin-process-editor publishes a new version of Standard B2B,
 * the default process, which every deal created after it follows (new stages, new questions).
 */
const LAST = /admin-process-editor\.spec\.ts$/;

const CHROMIUM = {
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
} satisfies PlaywrightTestConfig["use"];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    // A trace records every action's snapshots and costs a third of the run's time on two cores:
    // E2E_TRACE=1 turns it on, kept for the failed tests, to look into a failure (npx playwright show-trace).
    trace: process.env.E2E_TRACE === "1" ? "retain-on-failure" : "off",
  },
  projects: [
    { name: "chromium", use: CHROMIUM, testIgnore: [AFTER_THE_REST, LAST] },
    { name: "after-the-rest", use: CHROMIUM, testMatch: AFTER_THE_REST, dependencies: ["chromium"] },
    { name: "last", use: CHROMIUM, testMatch: LAST, dependencies: ["after-the-rest"] },
  ],
  webServer: [
    {
      command: "npx --no tsx e2e/oidc/provider.ts",
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { E2E_OIDC_REDIRECT_URIS: [baseURL, trustingURL].map((u) => `${u}/api/auth/callback/oidc`).join(",") },
    },
    {
      // Slack's incoming webhook and the mail server, which the app's outbox delivers to (e2e/closing.spec.ts).
      command: "npx --no tsx e2e/receivers/receivers.ts",
      url: RECEIVED_URL,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      ...appServer,
      // The app's own server, as `npm start` serves it: the tests see the client address it sets.
      command: "node scripts/serve.mjs",
      url: baseURL,
      // PGlite even when the shell names a server. The closing checklist's messages go to the receivers.
      env: {
        ...appEnv(baseURL),
        PORT: String(port),
        PGLITE_DIR: pgliteDir,
        DATABASE_URL: "",
        SLACK_WEBHOOK_URL: SLACK_HOOK_URL,
        SMTP_URL: SMTP_RECEIVER_URL,
        // Webhook endpoints on this machine's receiver (e2e/admin-integrations.spec.ts), over plain http.
        WEBHOOKS_ALLOW_HTTP: "1",
        MAIL_FROM: E2E_MAIL_FROM,
        // The page e2e/embed.spec.ts serves to embed a deal; any other origin is refused the frame.
        EMBED_ORIGINS: EMBED_PARENT_ORIGIN,
      },
    },
    {
      ...appServer,
      command: "node scripts/serve.mjs",
      url: trustingURL,
      env: { ...appEnv(trustingURL), PORT: String(TRUSTING_PORT), PGLITE_DIR: "memory://", DATABASE_URL: "", OIDC_TRUST_EMAILS: "1" },
    },
  ],
});
