// An API route and a server action tell their caller the same thing about the same failure: both
// map it with mapError. A busy database was once a 503 UNAVAILABLE on the API but INTERNAL on a page.
import { afterEach, expect, test, vi } from "vitest";
import { sql } from "kysely";
import { z } from "zod";
import { AppError, STATUS, type ErrorCode } from "@/src/errors";
import { actionResult } from "@/src/http/action-result";
import { apiRoute } from "@/src/http/api-route";
import { database, db } from "@/src/server/db";
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

const failures: [string, () => Promise<unknown>, ErrorCode][] = [
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
  vi.spyOn(console, "error").mockImplementation(() => {}); // an unknown error is logged: not in the test output
  const error = await cause();
  const api = await call(failing(error));
  const action = await actionResult(async () => {
    throw error;
  });
  expect(api.body.error.code).toBe(code);
  expect(api.status).toBe(STATUS[code]);
  expect(action).toEqual({ ok: false, error: api.body.error });
});

test("a busy database asks an API caller to retry in a second, a rate limit when it ends", async () => {
  expect((await call(failing(await busyDatabase()))).headers.get("retry-after")).toBe("1");
  expect((await call(failing(new AppError("RATE_LIMITED", "Wait.", { retryAfterSeconds: 60 })))).headers.get("retry-after")).toBe("60");
});

test("an unknown error's message stays on the server", async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  const action = await actionResult(async () => {
    throw new Error("connection string postgres://secret@db");
  });
  expect(action).toEqual({ ok: false, error: { code: "INTERNAL", message: "Something went wrong on our side." } });
});
