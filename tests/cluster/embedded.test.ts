// The embedded default under a crash (docs/reliability.md): `npm start`'s server, on its PGlite folder,
// killed with SIGKILL in the middle of a burst of writes, loses none it acknowledged and starts again
// on the same folder. `npm run chaos` (CHAOS=full) kills it more times, under more clients.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { ROOT } from "@/scripts/cluster/cluster.mjs";
import { openDatabase } from "@/src/server/db";
import { DEMO_PASSWORD } from "@/src/server/demo/demo-users";
import { writeFigures } from "./figures";
import { callJson } from "./http-client";

const FULL = process.env.CHAOS === "full";
const KILLS = FULL ? 5 : 1;
const CLIENTS = FULL ? 20 : 10;
const PORT = 8596;
const URL = `http://127.0.0.1:${PORT}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-embedded-"));
let server: ChildProcess | null = null;

afterAll(() => {
  server?.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What `npm start` runs once built: scripts/serve.mjs on the folder; resolves when it is ready. */
async function start(): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "serve.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      PGLITE_DIR: path.join(dir, "pglite"),
      STORAGE_DIR: path.join(dir, "files"),
      DATABASE_URL: "",
      NEXTAUTH_SECRET: "embedded-crash-test-secret",
      NEXTAUTH_URL: URL,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  server = child;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    const status = await fetch(`${URL}/api/ready`)
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return Date.now() - started;
    if (Date.now() - started > 180_000) throw new Error(`the server was not ready in 3 minutes:\n${output}`);
    await sleep(200);
  }
}

test("killed with SIGKILL mid-burst, the embedded database keeps every acknowledged write and opens again", async () => {
  await start();
  const { token } = (await callJson(URL, "/api/v1/tokens", { body: { email: "rep@stageline.test", password: DEMO_PASSWORD } })).body;
  const acked: string[] = [];
  const unanswered: string[] = [];
  const restartMs: number[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    let running = true;
    const burst = Array.from({ length: CLIENTS }, async (_, n) => {
      for (let i = 0; running; i++) {
        const name = `Crash ${kill}-${n}-${i}`;
        const reply = await callJson(URL, "/api/v1/opportunities", {
          token,
          body: { name, accountName: "Crash Ltd", amount: 500, closeDate: "2027-03-31" },
        }).catch(() => null);
        if (reply?.status === 201) acked.push(name);
        else {
          unanswered.push(name);
          if (reply) expect(reply.status, JSON.stringify(reply.body)).not.toBe(500);
        }
      }
    });
    await sleep(FULL ? 3_000 : 1_500);
    server!.kill("SIGKILL");
    await new Promise((r) => server!.once("exit", r));
    running = false;
    await Promise.all(burst);
    // Started again on the same folder: the lock of the killed process is found stale.
    restartMs.push(await start());
  }
  server!.kill("SIGTERM");
  await new Promise((r) => server!.once("exit", r));

  const database = openDatabase({ kind: "pglite", dir: path.join(dir, "pglite") });
  try {
    const rows = await database.raw.query<{ name: string; n: string }>(
      `SELECT name, count(*) AS n FROM "Opportunity" WHERE name LIKE 'Crash %' GROUP BY 1`,
    );
    const counts = new Map(rows.map((r) => [r.name, Number(r.n)]));
    const lost = acked.filter((name) => !counts.has(name));
    const duplicated = rows.filter((r) => Number(r.n) > 1).map((r) => r.name);
    writeFigures("embedded-killed", {
      kills: KILLS,
      clients: CLIENTS,
      acknowledgedWrites: acked.length,
      unanswered: unanswered.length,
      lost,
      duplicated,
      restartMs,
    });
    expect(acked.length).toBeGreaterThan(CLIENTS);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    // An unanswered write was made or not, never more than once: it is not among the duplicates above.
  } finally {
    await database.close();
  }
});
