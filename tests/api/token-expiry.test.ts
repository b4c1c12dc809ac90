// API tokens may carry an expiry: given when the token is made (API or settings page), shown in the
// settings page's table, and past it the token authenticates no one.
import { beforeEach, describe, expect, test } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { findActorByToken } from "@/src/auth/api-tokens";
import { findActor } from "@/src/auth/load-actor";
import { database, db } from "@/src/server/db";
import { createOwnApiToken } from "@/src/server/tokens/create-own-api-token";
import { listOwnApiTokens } from "@/src/server/tokens/list-own-api-tokens";
import { createUser, PASSWORD, type TestUser } from "../support/fixtures";
import { call } from "../support/http";

let user: TestUser;
beforeEach(async () => {
  user = await createUser({ role: "rep" });
});

const DAY = 24 * 60 * 60 * 1000;
const requestToken = (extra: Record<string, unknown>) => call(tokens.POST, { body: { email: user.email, password: PASSWORD, ...extra } });
const actorAt = async (token: string, at: Date) => (await findActorByToken(database().sql, token, at))?.id ?? null;

describe("POST /api/v1/tokens with expiresAt", () => {
  test("the token works until its expiry and not from then on", async () => {
    const expiresAt = new Date(Date.now() + 7 * DAY);
    const res = await requestToken({ expiresAt: expiresAt.toISOString() });
    expect(res.status).toBe(201);
    expect(res.body.expiresAt).toBe(expiresAt.toISOString());
    expect((await call(me.GET, { token: res.body.token })).status).toBe(200);
    expect(await actorAt(res.body.token, new Date(expiresAt.getTime() - 1000))).toBe(user.id);
    expect(await actorAt(res.body.token, expiresAt)).toBeNull();
  });

  test("without expiresAt the token does not expire", async () => {
    const res = await requestToken({});
    expect(res.body.expiresAt).toBeNull();
    expect(await actorAt(res.body.token, new Date(Date.now() + 3650 * DAY))).toBe(user.id);
  });

  test.each([
    ["a time in the past", new Date(Date.now() - 1000).toISOString(), "must be in the future"],
    ["not a date", "next tuesday", expect.stringContaining("ISO 8601")],
    ["a date without a time", "2031-01-31", expect.stringContaining("ISO 8601")],
  ])("%s is 400 naming expiresAt, and no token is made", async (_, expiresAt, message) => {
    const res = await requestToken({ expiresAt });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field: "expiresAt", message }]);
    expect(await listOwnApiTokens((await findActor(db(), user.id))!)).toHaveLength(1); // the fixture's own
  });
});

describe("a token made on the settings page", () => {
  const now = new Date("2031-03-01T12:00:00Z");
  const actor = async () => (await findActor(db(), user.id))!;

  test.each([
    ["7", new Date(now.getTime() + 7 * DAY)],
    ["365", new Date(now.getTime() + 365 * DAY)],
    ["never", null],
  ] as const)("expiring %s shows that expiry in the token list", async (expiresIn, expected) => {
    const made = await createOwnApiToken(await actor(), { name: `expires ${expiresIn}`, expiresIn }, undefined, now);
    expect(made.expiresAt).toEqual(expected);
    const listed = (await listOwnApiTokens(await actor())).find((t) => t.id === made.id);
    expect(listed?.expiresAt).toEqual(expected);
  });

  test("an expiry that is not offered is refused", async () => {
    await expect(createOwnApiToken(await actor(), { name: "x", expiresIn: "3650" as never })).rejects.toMatchObject({ name: "ZodError" });
  });
});
