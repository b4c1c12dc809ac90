// An API route and a server action tell their caller the same thing about the same failure: both
// map it with mapError. A busy database was once a 503 UNAVAILABLE on the API but INTERNAL on a page.
import net from "node:net";
import { afterEach, expect, test, vi } from "vitest";
import { sql } from "kysely";
import { z } from "zod";
import { AppError, STATUS, type ErrorCode } from "@/src/errors";
import { actionResult } from "@/src/http/action-result";
import { apiRoute } from "@/src/http/api-route";
import { database, db, openDatabase } from "@/src/server/db";
import { captureLog, log, withRequestId } from "@/src/server/ops/log";
import { createTeam } from "../support/fixtures";
import { call } from "../support/http";

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the database to refuse");
    },
    (e: unknown) => e,
  );

/** A real P2028 from the database: a transaction that could not finish within its time limit. */
const busyDatabase = () =>
  failureOf(
    db().$transaction(
      async (tx) => {
        await tx.team.count();
        await new Promise((resolve) => setTimeout(resolve, 200));
      },
      { timeout: 50 },
    ),
  );

/** A real refusal to connect: a PostgreSQL server that is down (a port nothing listens on). */
async function unreachableDatabase(via: "prisma" | "sql"): Promise<unknown> {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as net.AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const down = openDatabase({ kind: "postgres", url: `postgres://nobody@127.0.0.1:${port}/none` });
  try {
    return await failureOf(via === "prisma" ? down.prisma.team.count() : down.transaction((tx) => tx.selectFrom("Team").select("id").execute()));
  } finally {
    await down.close();
  }
}

const failures: [string, () => Promise<unknown>, ErrorCode][] = [
  ["a database server that is down, read through Prisma", () => unreachableDatabase("prisma"), "UNAVAILABLE"],
  ["a database server that is down, written on the SQL write path", () => unreachableDatabase("sql"), "UNAVAILABLE"],
  ["a database too busy to finish a transaction in time", busyDatabase, "UNAVAILABLE"],
  ["a duplicate of a unique value", async () => failureOf(db().team.create({ data: { name: (await createTeam()).name } })), "CONFLICT"],
  [
    "a duplicate written on the SQL write path",
    async () => {
      const { name } = await createTeam();
      const insert = sql`INSERT INTO "Team" (id, name, "updatedAt") VALUES (${"t-duplicate"}, ${name}, now())`;
      return failureOf(database().transaction((tx) => insert.execute(tx)));
    },
    "CONFLICT",
  ],
  ["a row that is gone", () => failureOf(db().team.update({ where: { id: "gone" }, data: { name: "x" } })), "NOT_FOUND"],
  [
    "a use case's refusal, with details",
    async () => new AppError("VERSION_CONFLICT", "Someone else changed it.", { currentVersion: 3 }),
    "VERSION_CONFLICT",
  ],
  ["a rate limit", async () => new AppError("RATE_LIMITED", "Too many attempts.", { retryAfterSeconds: 60 }), "RATE_LIMITED"],
  ["input a use case refuses through zod", () => failureOf(z.object({ n: z.number() }).parseAsync({ n: "x" })), "VALIDATION_FAILED"],
  ["a bug", async () => new TypeError("x is undefined"), "INTERNAL"],
];

const failing = (error: unknown) =>
  apiRoute({ method: "GET", path: "/failing", summary: "Fails.", tag: "Test", auth: false }, async () => {
    throw error;
  });

afterEach(() => {
  vi.restoreAllMocks();
});

test.each(failures)("%s is answered alike by an API route and a server action", async (_, cause, code) => {
  const error = await cause();
  const api = await call(failing(error));
  const action = await actionResult(async () => {
    throw error;
  });
  expect(api.body.error.code).toBe(code);
  expect(api.status).toBe(STATUS[code]);
  // The API's 500 also names the request (below): the rest is the same.
  const expected = code === "INTERNAL" ? { code, message: api.body.error.message } : api.body.error;
  if (code === "INTERNAL") expect(Object.keys(api.body.error.details)).toEqual(["requestId"]);
  expect(action).toEqual({ ok: false, error: expected });
});

test("a database that is down asks an API caller to come back in five seconds", async () => {
  const res = await call(failing(await unreachableDatabase("sql")));
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("5");
  expect(res.body.error.message).toBe("The database cannot be reached right now. Try again in a few seconds.");
});

test("the API's 500 names the request, as its X-Request-Id does, and keeps the cause in the log", async () => {
  const { result: res, lines } = await captureLog(() =>
    call(failing(new Error("connection string postgres://secret@db")), { headers: { "x-request-id": "req-4711" } }),
  );
  expect(res.status).toBe(500);
  expect(res.body).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side.", details: { requestId: "req-4711" } } });
  expect(lines).toEqual([
    expect.objectContaining({
      level: "error",
      msg: "Unhandled error",
      requestId: "req-4711",
      err: expect.objectContaining({ message: "connection string postgres://secret@db" }),
    }),
    // Then the request's own line (debug level), naming it too.
    expect.objectContaining({ level: "debug", msg: "api request", requestId: "req-4711", method: "GET", path: "/api/v1/test", status: 500 }),
  ]);
  expect(Date.parse(lines[0]!.time as string)).not.toBeNaN();
});

test("a line logged while a request is served names that request", async () => {
  const { lines } = await captureLog(async () => {
    await withRequestId("req-served", async () => {
      await Promise.resolve();
      log().info({ step: 1 }, "inside");
    });
    log().info("outside");
  });
  expect(lines.map(({ msg, requestId, step }) => ({ msg, requestId, step }))).toEqual([
    { msg: "inside", requestId: "req-served", step: 1 },
    { msg: "outside", requestId: undefined, step: undefined },
  ]);
});

test("a busy database asks an API caller to retry in a second, a rate limit when it ends", async () => {
  expect((await call(failing(await busyDatabase()))).headers.get("retry-after")).toBe("1");
  expect((await call(failing(new AppError("RATE_LIMITED", "Wait.", { retryAfterSeconds: 60 })))).headers.get("retry-after")).toBe("60");
});

test("an unknown error's message stays on the server", async () => {
  const action = await actionResult(async () => {
    throw new Error("connection string postgres://secret@db");
  });
  expect(action).toEqual({ ok: false, error: { code: "INTERNAL", message: "Something went wrong on our side." } });
});
