// The worker runs inside the app's process by default, started with the server (instrumentation.ts →
// startServer), and stays out of it with OUTBOX_WORKER=off, where `npm run worker` delivers instead.
// On the embedded database it also does autovacuum's work (src/server/ops/embedded-upkeep.ts).
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { startServer } from "@/src/server/boot/start-server";
import { database } from "@/src/server/db";
import { embeddedUpkeepTasks, UPKEEP_EVERY_MS, UPKEEP_FIRST_AFTER_MS, vacuumAppTables } from "@/src/server/ops/embedded-upkeep";
import { startInProcessWorker, stopInProcessWorker } from "@/src/server/outbox/in-process-worker";
import { type OutboxWorker, startOutboxWorker } from "@/src/server/outbox/outbox-worker";
import { sendersFromEnv } from "@/src/server/outbox/senders/senders-from-env";
import { enqueue, FAST, outboxRows, waitFor, webhook } from "../../support/outbox";
import { startHttpReceiver, type HttpReceiver } from "../../support/receivers";

let http: HttpReceiver;
const saved = { ...process.env };

beforeAll(async () => {
  http = await startHttpReceiver();
  Object.assign(process.env, { STAGELINE_DEMO_DATA: "0", OUTBOX_POLL_MS: "25" });
});
afterEach(async () => {
  await stopInProcessWorker();
  delete process.env.OUTBOX_WORKER;
});
afterAll(async () => {
  process.env = saved;
  await http.down();
});

test("the server's start starts the outbox worker, which delivers what changes queue", async () => {
  await startServer();
  await enqueue(webhook(1, http.url(), "boot:1"));
  await waitFor(outboxRows, (rows) => rows.some((r) => r.idempotencyKey === "boot:1" && r.status === "delivered"));
  expect(http.requests.map((r) => r.headers["idempotency-key"])).toEqual(["boot:1"]);
});

test("with OUTBOX_WORKER=off the app delivers nothing itself and says where delivery happens", async () => {
  process.env.OUTBOX_WORKER = "off";
  const lines: string[] = [];
  expect(startInProcessWorker(database(), (line) => lines.push(line))).toBeNull();
  expect(lines).toEqual(["Outbox worker off here (OUTBOX_WORKER=off): run `npm run worker` to deliver messages."]);
  await enqueue(webhook(2, http.url(), "boot:2"));
  await new Promise((r) => setTimeout(r, 300));
  expect((await outboxRows()).find((r) => r.idempotencyKey === "boot:2")?.status).toBe("pending");
});

/** Each of the app's tables as the catalogue knows it: rows as of its last VACUUM or ANALYZE (-1: never), pages marked all-visible. */
async function tableStats() {
  const rows = await database().raw.query<{ name: string; reltuples: number; relallvisible: number }>(
    `SELECT c.relname AS name, c.reltuples::float8 AS reltuples, c.relallvisible FROM pg_class c
     JOIN pg_tables t ON t.tablename = c.relname AND t.schemaname = current_schema() AND c.relnamespace = current_schema()::regnamespace`,
  );
  return new Map(rows.map((r) => [r.name, r]));
}

test("the upkeep vacuums and analyzes every one of the app's tables", async () => {
  await enqueue(...Array.from({ length: 40 }, (_, i) => webhook(100 + i, "https://receiver.test/hook", `upkeep:${i}`)));
  // Written and never vacuumed: nothing known of the rows, no page marked all-visible. (On a server,
  // autovacuum may have got there first: only PGlite, which has none, is sure to be in that state.)
  if (database().config.kind === "pglite") {
    const before = await tableStats();
    expect(before.get("OutboxMessage")?.relallvisible).toBe(0);
    expect([...before.values()].some((t) => t.reltuples < 0)).toBe(true);
  }

  const done = await vacuumAppTables(database().raw);

  const after = await tableStats();
  expect(done.tables).toBe(after.size);
  expect(after.size).toBeGreaterThan(20);
  for (const [name, t] of after) expect(t.reltuples, name).toBeGreaterThanOrEqual(0);
  const outbox = after.get("OutboxMessage")!;
  expect(outbox.reltuples).toBe((await outboxRows()).length);
  expect(outbox.relallvisible).toBeGreaterThan(0);
});

test("the upkeep is the embedded database's only: a PostgreSQL server has autovacuum", () => {
  const tasks = embeddedUpkeepTasks(database());
  if (database().config.kind === "postgres") expect(tasks).toEqual([]);
  else expect(tasks.map((t) => [t.everyMs, t.firstAfterMs])).toEqual([[UPKEEP_EVERY_MS, UPKEEP_FIRST_AFTER_MS]]);
});

test("a periodic task with a first delay waits for it after the worker starts, then runs at its interval", async () => {
  let now = new Date("2026-12-04T09:00:00Z").getTime();
  const runs: number[] = [];
  const plain: number[] = [];
  let worker: OutboxWorker | null = null;
  try {
    worker = startOutboxWorker({
      database: database(),
      senders: sendersFromEnv({}, FAST.sendTimeoutMs),
      config: FAST,
      clock: () => new Date(now),
      periodic: [
        { name: "later", everyMs: 60_000, firstAfterMs: 30_000, run: async (at) => void runs.push(at.getTime()) },
        { name: "at once", everyMs: 60_000, run: async (at) => void plain.push(at.getTime()) },
      ],
    });
    const start = now;
    const roundsPass = () => new Promise((r) => setTimeout(r, FAST.pollMs * 6));
    await waitFor(
      async () => plain.length,
      (n) => n === 1,
    );
    await roundsPass();
    expect(runs).toEqual([]);
    now = start + 29_999;
    await roundsPass();
    expect(runs).toEqual([]);
    now = start + 30_000;
    await waitFor(
      async () => runs.length,
      (n) => n === 1,
    );
    now = start + 89_999;
    await roundsPass();
    expect(runs).toEqual([start + 30_000]);
    now = start + 90_000;
    await waitFor(
      async () => runs.length,
      (n) => n === 2,
    );
    expect(runs).toEqual([start + 30_000, start + 90_000]);
  } finally {
    await worker?.stop();
  }
});
