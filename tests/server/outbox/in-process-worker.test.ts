// The worker runs inside the app's process by default, started with the server (instrumentation.ts →
// startServer), and stays out of it with OUTBOX_WORKER=off, where `npm run worker` delivers instead.
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { startServer } from "@/src/server/boot/start-server";
import { database } from "@/src/server/db";
import { startInProcessWorker, stopInProcessWorker } from "@/src/server/outbox/in-process-worker";
import { enqueue, outboxRows, waitFor, webhook } from "../../support/outbox";
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
