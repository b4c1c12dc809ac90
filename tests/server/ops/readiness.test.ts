// The balancer's two questions (docs/deployment.md): GET /api/health and GET /api/ready, over the
// test's own database, a database still missing a migration, one that refuses connections and one
// that accepts them and never answers.
import net from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import * as health from "@/app/api/health/route";
import * as ready from "@/app/api/ready/route";
import { openDatabase } from "@/src/server/db";
import { readMigrations } from "@/src/server/migrate";
import { readiness } from "@/src/server/ops/readiness";

const silent: net.Socket[] = [];
const mute = net.createServer((socket) => silent.push(socket));
let mutePort = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => mute.listen(0, "127.0.0.1", resolve));
  mutePort = (mute.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of silent) s.destroy();
  await new Promise((resolve) => mute.close(resolve));
});

test("health answers 200 without asking the database", async () => {
  const res = health.GET();
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
  expect(res.headers.get("cache-control")).toBe("no-store");
});

test("ready answers 200 with the number of migrations once the database has them all", async () => {
  const res = await ready.GET();
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ready", migrations: readMigrations().length });
});

test("not ready while a migration of the build is not applied, naming the first missing", async () => {
  const pending = { name: "99999999999999_not_yet", sql: "SELECT 1", checksum: "0".repeat(64) };
  expect(await readiness({ migrations: [...readMigrations(), pending] })).toEqual({
    ready: false,
    reason: "1 migration(s) not applied yet, the first 99999999999999_not_yet",
  });
});

test("not ready when the database refuses connections", async () => {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as net.AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const db = openDatabase({ kind: "postgres", url: `postgres://nobody@127.0.0.1:${port}/none` });
  try {
    expect(await readiness({ db })).toEqual({ ready: false, reason: "the database does not answer" });
  } finally {
    await db.close();
  }
});

test("not ready, in time, when the database accepts a connection and never answers", async () => {
  const db = openDatabase({ kind: "postgres", url: `postgres://nobody@127.0.0.1:${mutePort}/none` });
  const started = Date.now();
  const state = await readiness({ db, timeoutMs: 300 });
  expect(state).toEqual({ ready: false, reason: "the database did not answer within 300 ms" });
  expect(Date.now() - started).toBeLessThan(5_000);
  for (const s of silent) s.destroy();
  await db.close();
});
