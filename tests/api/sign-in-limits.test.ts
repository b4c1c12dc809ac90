// Sign-in limits keyed on account and client. The hard limit used to be keyed on the e-mail alone:
// five wrong passwords every 15 minutes from anyone kept the owner out of their own account.
import { beforeEach, describe, expect, test } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { authOptions } from "@/src/auth/next-auth-options";
import { INVALID_TOKENS_PER_CLIENT } from "@/src/auth/request-actor";
import { ACCOUNTS_PER_CLIENT, KNOWN_CLIENT_DAYS, PER_ACCOUNT, PER_ACCOUNT_AND_CLIENT, signInKeys } from "@/src/server/auth/sign-in-limits";
import { db } from "@/src/server/db";
import { fromClient } from "../support/client";
import { createUser, PASSWORD, type TestUser } from "../support/fixtures";
import { call } from "../support/http";

let owner: TestUser;
beforeEach(async () => {
  // The tests reuse client addresses: each starts with no attempt counted.
  await db().rateLimitCounter.deleteMany();
  owner = await createUser({ role: "rep" });
});

const signIn = (address: string, email: string, password: string) =>
  call(tokens.POST, { method: "POST", path: "/api/v1/tokens", body: { email, password }, headers: fromClient(address) });
const statuses = async (requests: Promise<{ status: number }>[]) => (await Promise.all(requests)).map((r) => r.status).sort();
const times = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

describe("the hard limit is per account and client", () => {
  test("the owner signs in from their client while another client is locked out of their account", async () => {
    const stranger = "203.0.113.66";
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT.limit; i++) expect((await signIn(stranger, owner.email, "guess")).status).toBe(401);
    const locked = await signIn(stranger, owner.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await signIn("198.51.100.4", owner.email, PASSWORD)).status).toBe(201);
  });

  test("and so on the sign-in page", async () => {
    const credentials = authOptions().providers.find((p) => p.id === "credentials") as any;
    const authorize = credentials.options.authorize as (c: unknown, req: unknown) => Promise<unknown>;
    const from = (address: string) => ({ headers: fromClient(address) });
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT.limit; i++)
      expect(await authorize({ email: owner.email, password: "guess" }, from("203.0.113.66"))).toBeNull();
    await expect(authorize({ email: owner.email, password: PASSWORD }, from("203.0.113.66"))).rejects.toThrow("RateLimited");
    expect(await authorize({ email: owner.email, password: PASSWORD }, from("198.51.100.4"))).toMatchObject({ id: owner.id });
  });

  test(`of 30 guesses on one account from one client sent at once, ${PER_ACCOUNT_AND_CLIENT.limit} are checked`, async () => {
    const all = await statuses(times(30, () => signIn("203.0.113.66", owner.email, "guess")));
    expect(all).toEqual([...times(PER_ACCOUNT_AND_CLIENT.limit, () => 401), ...times(30 - PER_ACCOUNT_AND_CLIENT.limit, () => 429)]);
    expect((await signIn("198.51.100.4", owner.email, PASSWORD)).status).toBe(201);
  });
});

describe("one client across many accounts (password spraying)", () => {
  const spray = (address: string, n: number, from = 0) => times(n, (i) => signIn(address, `sprayed-${from + i}@example.test`, "Winter2026!"));

  test(`a client that failed on ${ACCOUNTS_PER_CLIENT.limit} accounts is refused on any other, even with its right password`, async () => {
    for (const res of await Promise.all(spray("203.0.113.9", ACCOUNTS_PER_CLIENT.limit))) expect(res.status).toBe(401);
    const refused = await signIn("203.0.113.9", owner.email, PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Refused before its attempt on that account was counted: the spray leaves no row behind.
    expect(await db().rateLimitCounter.findUnique({ where: { key: signInKeys(owner.email, "203.0.113.9").pair } })).toBeNull();
    expect((await signIn("203.0.113.10", owner.email, PASSWORD)).status).toBe(201);
  });

  test(`of 30 accounts tried at once from one client, ${ACCOUNTS_PER_CLIENT.limit} are checked`, async () => {
    const all = await statuses(spray("203.0.113.9", 30));
    expect(all).toEqual([...times(ACCOUNTS_PER_CLIENT.limit, () => 401), ...times(30 - ACCOUNTS_PER_CLIENT.limit, () => 429)]);
  });

  test("successful sign-ins of many users from one client (an office behind one address) are not limited", async () => {
    const colleagues = await Promise.all(times(ACCOUNTS_PER_CLIENT.limit + 5, () => createUser({ role: "rep" })));
    for (const colleague of colleagues) {
      expect((await signIn("198.51.100.1", colleague.email, "typo")).status).toBe(401);
      expect((await signIn("198.51.100.1", colleague.email, PASSWORD)).status).toBe(201);
    }
  });
});

describe("the per-account ceiling", () => {
  /** PER_ACCOUNT.limit failures on the owner's account, from as many clients as it takes under the hard limit. */
  async function distributedGuessing() {
    for (let i = 0; i < PER_ACCOUNT.limit; i++) {
      const address = `203.0.113.${Math.floor(i / PER_ACCOUNT_AND_CLIENT.limit) + 1}`;
      expect((await signIn(address, owner.email, `guess-${i}`)).status).toBe(401);
    }
  }

  test("refuses new clients once the account had its day's failures, but not a client the owner signed in from", async () => {
    expect((await signIn("198.51.100.4", owner.email, PASSWORD)).status).toBe(201);
    await distributedGuessing();
    const stranger = await signIn("192.0.2.200", owner.email, PASSWORD);
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(PER_ACCOUNT_AND_CLIENT.windowSeconds);
    expect((await signIn("198.51.100.4", owner.email, PASSWORD)).status).toBe(201);
  });

  test(`a client the owner last signed in from more than ${KNOWN_CLIENT_DAYS} days ago is a stranger again`, async () => {
    expect((await signIn("198.51.100.4", owner.email, PASSWORD)).status).toBe(201);
    await db().signInClient.updateMany({
      where: { userId: owner.id },
      data: { lastSignInAt: new Date(Date.now() - (KNOWN_CLIENT_DAYS + 1) * 86_400_000) },
    });
    await distributedGuessing();
    expect((await signIn("198.51.100.4", owner.email, PASSWORD)).status).toBe(429);
  });
});

describe("invalid bearer tokens", () => {
  const asClient = (address: string, token: string) => call(me.GET, { path: "/api/v1/me", token, headers: fromClient(address) });

  test(`a client that sent ${INVALID_TOKENS_PER_CLIENT.limit} is answered 429 before any lookup, even with a valid token`, async () => {
    for (let i = 0; i < INVALID_TOKENS_PER_CLIENT.limit; i++) expect((await asClient("203.0.113.5", `stl_forged${i}`)).status).toBe(401);
    const refused = await asClient("203.0.113.5", owner.token);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await asClient("203.0.113.6", owner.token)).status).toBe(200);
  });

  test("valid tokens are not counted", async () => {
    for (let i = 0; i < INVALID_TOKENS_PER_CLIENT.limit + 5; i++) expect((await asClient("203.0.113.5", owner.token)).status).toBe(200);
  });

  test(`of 30 invalid tokens sent at once by one client, ${INVALID_TOKENS_PER_CLIENT.limit} are answered 401`, async () => {
    const all = await statuses(times(30, (i) => asClient("203.0.113.5", `stl_forged${i}`)));
    expect(all).toEqual([...times(INVALID_TOKENS_PER_CLIENT.limit, () => 401), ...times(30 - INVALID_TOKENS_PER_CLIENT.limit, () => 429)]);
  });
});

describe("clients are told apart by their own address", () => {
  test("addresses that share a prefix are different clients", async () => {
    for (const res of await Promise.all(times(ACCOUNTS_PER_CLIENT.limit + 1, (i) => signIn("203.0.113.1", `sprayed-${i}@example.test`, "x"))))
      expect(res.status).not.toBe(201);
    for (const address of ["203.0.113.10", "203.0.113.100", "203.0.113.11"]) expect((await signIn(address, owner.email, PASSWORD)).status).toBe(201);
  });

  test("an IPv6 client is its /64: rotating addresses inside it does not reset its count, another /64 is another client", async () => {
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT.limit; i++) expect((await signIn(`2001:db8:1:2::${i + 1}`, owner.email, "guess")).status).toBe(401);
    expect((await signIn("2001:db8:1:2:ffff:ffff:ffff:ffff", owner.email, PASSWORD)).status).toBe(429);
    expect((await signIn("2001:db8:1:3::1", owner.email, PASSWORD)).status).toBe(201);
  });

  test("an IPv4 client is the same client when written as an IPv4-mapped IPv6 address", async () => {
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT.limit; i++) await signIn("::ffff:203.0.113.7", owner.email, "guess");
    expect((await signIn("203.0.113.7", owner.email, PASSWORD)).status).toBe(429);
  });
});
