import { beforeEach, describe, expect, test } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { db } from "@/src/server/db";
import { PER_ACCOUNT_AND_CLIENT, signInKeys } from "@/src/server/auth/sign-in-limits";
import { call } from "../support/http";
import { createUser, PASSWORD, type TestUser } from "../support/fixtures";

let user: TestUser;
beforeEach(async () => {
  user = await createUser({ role: "rep", email: `rep-${Math.random().toString(36).slice(2)}@example.test` });
});

const requestToken = (body: unknown, headers?: Record<string, string>) =>
  call(tokens.POST, { method: "POST", path: "/api/v1/tokens", body, headers });

describe("POST /api/v1/tokens", () => {
  test("a correct email and password get a token that authenticates", async () => {
    const res = await requestToken({ email: user.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^stl_[A-Za-z0-9_-]{40,}$/);
    const who = await call(me.GET, { token: res.body.token });
    expect(who.status).toBe(200);
    expect(who.body.email).toBe(user.email);
    const stored = await db().apiToken.findMany({ where: { userId: user.id } });
    expect(stored.map((t) => t.tokenHash)).not.toContain(res.body.token); // stored hashed
  });

  test.each([
    ["a wrong password", () => ({ email: user.email, password: "wrong" })],
    ["an unknown email", () => ({ email: "nobody@example.test", password: PASSWORD })],
  ])("%s is 401 with the same message", async (_, body) => {
    const res = await requestToken(body());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: "UNAUTHENTICATED", message: "Email or password is incorrect." } });
  });

  test("a deactivated user gets no token", async () => {
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect((await requestToken({ email: user.email, password: PASSWORD })).status).toBe(401);
  });

  test.each([
    ["malformed JSON", "{not json", [{ field: "(body)", message: "not valid JSON" }]],
    ["no body", undefined, [{ field: "(body)", message: expect.any(String) }]],
    [
      "missing fields",
      {},
      [
        { field: "email", message: expect.any(String) },
        { field: "password", message: expect.any(String) },
      ],
    ],
    [
      "wrong types",
      { email: 42, password: ["x"] },
      [
        { field: "email", message: expect.any(String) },
        { field: "password", message: expect.any(String) },
      ],
    ],
  ])("%s is 400 naming each bad field", async (_, body, fields) => {
    const res = await call(tokens.POST, { method: "POST", path: "/api/v1/tokens", body, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.fields).toEqual(fields);
  });
});

describe("the token endpoint's rate limit", () => {
  const fail = () => requestToken({ email: user.email, password: "wrong" });

  test(`after ${PER_ACCOUNT_AND_CLIENT.limit} failures even the right password is refused with 429`, async () => {
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT.limit; i++) expect((await fail()).status).toBe(401);
    const res = await requestToken({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe("RATE_LIMITED");
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(PER_ACCOUNT_AND_CLIENT.windowSeconds);
  });

  test("the limit is per account: another user is not affected", async () => {
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT.limit; i++) await fail();
    const other = await createUser({ role: "rep" });
    expect((await requestToken({ email: other.email, password: PASSWORD })).status).toBe(201);
  });

  test("failures below the limit are forgiven by a success", async () => {
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT.limit - 1; i++) await fail();
    expect((await requestToken({ email: user.email, password: PASSWORD })).status).toBe(201);
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT.limit - 1; i++) await fail();
    expect((await requestToken({ email: user.email, password: PASSWORD })).status).toBe(201);
  });

  test("the window passing lets the user in again", async () => {
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT.limit; i++) await fail();
    expect((await requestToken({ email: user.email, password: PASSWORD })).status).toBe(429);
    // The counter lives in the database (shared by every instance): age it instead of waiting.
    await db().rateLimitCounter.updateMany({
      where: { key: signInKeys(user.email, null).pair },
      data: { windowStart: new Date(Date.now() - (PER_ACCOUNT_AND_CLIENT.windowSeconds + 1) * 1000) },
    });
    expect((await requestToken({ email: user.email, password: PASSWORD })).status).toBe(201);
  });

  test("concurrent failures are all counted", async () => {
    await Promise.all(Array.from({ length: PER_ACCOUNT_AND_CLIENT.limit }, fail));
    const row = await db().rateLimitCounter.findUnique({ where: { key: signInKeys(user.email, null).pair } });
    expect(row?.count).toBe(PER_ACCOUNT_AND_CLIENT.limit);
  });

  // The failure count used to be read before the password check and written after it: 29 wrong
  // passwords and the right one sent at once were all checked, and the right one got a token.
  test("of 30 guesses sent at once only the first the limit allows are checked; the rest, and the right password after them, are 429", async () => {
    const statuses = (await Promise.all(Array.from({ length: 30 }, fail))).map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(PER_ACCOUNT_AND_CLIENT.limit).fill(401), ...Array(30 - PER_ACCOUNT_AND_CLIENT.limit).fill(429)]);
    expect((await requestToken({ email: user.email, password: PASSWORD })).status).toBe(429);
  });

  test("behind a trusted proxy, the client address is limited too", async () => {
    process.env.TRUST_PROXY = "1";
    try {
      const headers = { "x-forwarded-for": "203.0.113.7" };
      for (let i = 0; i < 30; i++) await requestToken({ email: `guess-${i}@example.test`, password: "x" }, headers);
      const res = await requestToken({ email: user.email, password: PASSWORD }, headers);
      expect(res.status).toBe(429);
      expect((await requestToken({ email: user.email, password: PASSWORD }, { "x-forwarded-for": "203.0.113.8" })).status).toBe(201);
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });
});
