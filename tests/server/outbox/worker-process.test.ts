// `npm run worker` as separate processes on one PostgreSQL server (docs/outbox.md, "The worker"): a
// worker killed with SIGKILL mid-batch loses no message, and a receiver that honours the idempotency
// key acts on none twice; two workers side by side never send one message twice. The embedded database
// is one process's own, so these run on the PostgreSQL project only.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { database } from "@/src/server/db";
import { allIn, attemptRows, enqueue, outboxRows, waitFor, webhook } from "../../support/outbox";
import { countBy, startHttpReceiver, type HttpReceiver } from "../../support/receivers";
import { writeFigures } from "../../cluster/figures";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const running: ChildProcess[] = [];
let http: HttpReceiver;

type Worker = { process: ChildProcess; output: () => string; ready: Promise<void>; exited: Promise<unknown> };

/** What `npm run worker` runs, as one process (tsx as a loader, so a signal reaches the worker itself). */
function spawnWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, OUTBOX_POLL_MS: "50", OUTBOX_RETRY_BASE_MS: "50", OUTBOX_RETRY_MAX_DELAY_MS: "200", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", () => output.includes("delivering") && resolve());
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return { process: child, output: () => output, ready, exited };
}

const isPostgres = database().config.kind === "postgres";
// `npm run chaos` (CHAOS=full) sends more messages through the same faults (docs/reliability.md).
const FULL = process.env.CHAOS === "full";

describe.runIf(isPostgres)("worker processes on one PostgreSQL server", () => {
  beforeAll(async () => {
    http = await startHttpReceiver();
  });
  afterEach(async () => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  });
  afterAll(() => http?.down());

  test("a worker killed mid-batch loses nothing, and the honouring receiver acts on each message once", { timeout: 60_000 }, async () => {
    const messages = Array.from({ length: FULL ? 60 : 12 }, (_, n) => webhook(n, http.url(), `kill:${n}`));
    await enqueue(...messages);
    // Slow answers keep the first batch in flight when the kill comes.
    http.delayMs = 700;
    const env = { OUTBOX_BATCH_SIZE: "4", OUTBOX_SEND_TIMEOUT_MS: "1500" }; // lease: 2 × 1.5 s + 5 s
    const first = spawnWorker(env);
    await waitFor(
      async () => http.requests.length,
      (n) => n >= 1,
      20_000,
    );
    first.process.kill("SIGKILL");
    await first.exited;

    const second = spawnWorker(env);
    await second.ready;
    const rows = await waitFor(outboxRows, allIn("delivered"), 40_000);

    expect(rows).toHaveLength(messages.length);
    expect(countBy(http.acted, (r) => String(r.body.data.n))).toEqual(Object.fromEntries(messages.map((_, n) => [String(n), 1])));
    // The killed batch reached the receiver and was sent again under the same key, which made it a no-op.
    const resent = Object.entries(countBy(http.requests, (r) => String(r.headers["idempotency-key"]))).filter(([, n]) => n > 1);
    expect(resent.length).toBeGreaterThan(0);
    const attempts = await attemptRows();
    const acted = Object.values(countBy(http.acted, (r) => String(r.headers["idempotency-key"])));
    writeFigures("worker-killed", {
      messages: messages.length,
      delivered: rows.filter((r) => r.status === "delivered").length,
      sentAgainUnderTheSameKey: resent.length,
      actedOnTwice: acted.filter((n) => n > 1).length,
    });
    for (const [key] of resent) {
      expect(attempts.filter((a) => a.idempotencyKey === key).map((a) => a.status)).toEqual(["abandoned", "delivered"]);
    }
    http.delayMs = 0;
  });

  test("a worker stopped with SIGTERM mid-batch hands its claims back, and the next worker sends them without waiting for the lease", {
    timeout: 60_000,
  }, async () => {
    const messages = Array.from({ length: 4 }, (_, n) => webhook(n, http.url(), `term:${n}`));
    await enqueue(...messages);
    http.delayMs = 3_000;
    // A lease of 2 × 20 s + 5 s: far longer than this test waits for the second worker.
    const env = { OUTBOX_BATCH_SIZE: "4", OUTBOX_SEND_TIMEOUT_MS: "20000", OUTBOX_STOP_GRACE_MS: "200" };
    const first = spawnWorker(env);
    await waitFor(
      async () => http.requests.filter((r) => String(r.headers["idempotency-key"]).startsWith("term:")).length,
      (n) => n === 4,
      20_000,
    );
    const stopping = Date.now();
    first.process.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(2_500);
    const handedBack = (await outboxRows()).filter((r) => r.idempotencyKey.startsWith("term:"));
    expect(handedBack.map((r) => [r.status, r.claimedBy])).toEqual(Array(4).fill(["pending", null]));

    http.delayMs = 0;
    const second = spawnWorker({ OUTBOX_BATCH_SIZE: "4" });
    await second.ready;
    await waitFor(async () => (await outboxRows()).filter((r) => r.idempotencyKey.startsWith("term:")), allIn("delivered"), 10_000);
    expect(
      countBy(
        http.acted.filter((r) => String(r.headers["idempotency-key"]).startsWith("term:")),
        (r) => String(r.body.data.n),
      ),
    ).toEqual({ 0: 1, 1: 1, 2: 1, 3: 1 });
  });

  test("two workers never deliver one message twice", { timeout: 60_000 }, async () => {
    http.requests.length = 0;
    const env = { OUTBOX_BATCH_SIZE: "5" };
    const workers = [spawnWorker(env), spawnWorker(env)];
    await Promise.all(workers.map((w) => w.ready));
    http.delayMs = 30;
    const pairs = FULL ? 400 : 60;
    await enqueue(...Array.from({ length: pairs }, (_, n) => webhook(n, http.url(), `pair:${n}`)));

    await waitFor(async () => (await outboxRows()).filter((r) => r.idempotencyKey.startsWith("pair:")), allIn("delivered"), 40_000);
    const perKey = countBy(http.requests, (r) => String(r.headers["idempotency-key"]));
    expect(Object.keys(perKey)).toHaveLength(pairs);
    writeFigures("two-workers", { messages: pairs, workers: 2, sentTwice: Object.values(perKey).filter((n) => n > 1).length });
    expect(Object.values(perKey).every((n) => n === 1)).toBe(true);
    // Both took part: SKIP LOCKED let them claim different messages side by side.
    const byWorker = countBy(
      (await attemptRows()).filter((a) => a.idempotencyKey.startsWith("pair:")),
      (a) => a.worker,
    );
    expect(Object.keys(byWorker)).toHaveLength(2);

    for (const w of workers) w.process.kill("SIGTERM");
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes).toEqual([0, 0]);
    http.delayMs = 0;
  });
});
