// Security events as log lines: sign-ins that failed or succeeded, lock-outs, every 429 and every 403,
// from the API, the sign-in page and server actions, each naming who, from where and which request,
// and none carrying a password, token or cookie.
import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as users from "@/app/api/v1/users/route";
import { createDealAction } from "@/app/opportunities/new/actions";
import { authOptions } from "@/src/auth/next-auth-options";
import { INVALID_TOKENS_PER_CLIENT } from "@/src/auth/request-actor";
import { PER_ACCOUNT_AND_CLIENT } from "@/src/server/auth/sign-in-limits";
import { db } from "@/src/server/db";
import { captureSecurityLog, type SecurityLogLine } from "@/src/server/security/security-log";
import { setRequestHeaders, signInAs } from "../support/action-session";
import { fromClient } from "../support/client";
import { dealBody, ensureDefaults } from "../support/deals";
import { createUser, PASSWORD, type TestUser } from "../support/fixtures";
import { call } from "../support/http";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ refresh: () => undefined }));

const CLIENT = "203.0.113.42";
let user: TestUser;
beforeAll(() => ensureDefaults());
beforeEach(async () => {
  await db().rateLimitCounter.deleteMany();
  user = await createUser({ role: "rep" });
});

const requestToken = (password: string, id: string) =>
  call(tokens.POST, {
    method: "POST",
    path: "/api/v1/tokens",
    body: { email: user.email, password },
    headers: fromClient(CLIENT, { "x-request-id": id }),
  });

/** The lines, with no secret anywhere in them. */
function checked(lines: SecurityLogLine[], secrets: string[]): SecurityLogLine[] {
  const text = JSON.stringify(lines);
  for (const secret of [PASSWORD, ...secrets]) expect(text).not.toContain(secret);
  for (const line of lines) expect(new Date(line.time).toISOString()).toBe(line.time);
  return lines;
}

describe("sign-in", () => {
  test("a failed and a successful sign-in through the token API, with the e-mail, the client and the request", async () => {
    const { lines, result } = await captureSecurityLog(async () => [
      await requestToken("wrong-password-1", "req-fail"),
      await requestToken(PASSWORD, "req-ok"),
    ]);
    expect(result.map((r) => r.status)).toEqual([401, 201]);
    expect(checked(lines, ["wrong-password-1", result[1]!.body.token])).toEqual([
      expect.objectContaining({
        kind: "security",
        event: "signin.failed",
        email: user.email,
        userId: user.id,
        clientAddress: CLIENT,
        requestId: "req-fail",
        reason: "wrong_password",
        via: "token API",
      }),
      expect.objectContaining({
        event: "signin.succeeded",
        email: user.email,
        userId: user.id,
        clientAddress: CLIENT,
        requestId: "req-ok",
        via: "token API",
      }),
    ]);
  });

  test("an unknown e-mail is logged as such", async () => {
    const { lines } = await captureSecurityLog(() =>
      call(tokens.POST, {
        method: "POST",
        path: "/api/v1/tokens",
        body: { email: "Nobody@Example.test", password: "pw-1" },
        headers: fromClient(CLIENT),
      }),
    );
    expect(checked(lines, ["pw-1"])).toEqual([
      expect.objectContaining({ event: "signin.failed", email: "nobody@example.test", reason: "unknown_email" }),
    ]);
    expect(lines[0]).not.toHaveProperty("userId");
  });

  test("the sign-in page's attempts, through next-auth", async () => {
    const credentials = authOptions().providers.find((p) => p.id === "credentials") as any;
    const authorize = credentials.options.authorize as (c: unknown, req: unknown) => Promise<unknown>;
    const req = { headers: fromClient(CLIENT, { "x-request-id": "page-1" }) };
    const { lines } = await captureSecurityLog(async () => {
      await authorize({ email: user.email, password: "page-wrong" }, req);
      await authorize({ email: user.email, password: PASSWORD }, req);
    });
    expect(checked(lines, ["page-wrong"]).map((l) => [l.event, l.via, l.email, l.clientAddress, l.requestId])).toEqual([
      ["signin.failed", "sign-in page", user.email, CLIENT, "page-1"],
      ["signin.succeeded", "sign-in page", user.email, CLIENT, "page-1"],
    ]);
  });

  test("the lock-out starts with one line, and every refused attempt is a lock-out line and a 429 line", async () => {
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT.limit; i++) await requestToken("wrong", `before-${i}`);
    const { lines } = await captureSecurityLog(async () => {
      await requestToken(PASSWORD, "locked-1");
      await requestToken(PASSWORD, "locked-2");
    });
    expect(checked(lines, [])).toEqual([
      expect.objectContaining({
        event: "signin.locked",
        email: user.email,
        clientAddress: CLIENT,
        requestId: "locked-1",
        limit: "account_and_client",
        lockStarted: true,
      }),
      expect.objectContaining({ event: "rate_limited", clientAddress: CLIENT, requestId: "locked-1", method: "POST", path: "/api/v1/tokens" }),
      expect.objectContaining({ event: "signin.locked", requestId: "locked-2", lockStarted: false }),
      expect.objectContaining({ event: "rate_limited", requestId: "locked-2" }),
    ]);
    expect(lines[1]!.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("bearer tokens", () => {
  test("an invalid token is logged without the token, and the 429 that follows too many", async () => {
    const forged = "stl_forged-token-value-0123456789";
    const { lines } = await captureSecurityLog(async () => {
      for (let i = 0; i <= INVALID_TOKENS_PER_CLIENT.limit; i++)
        await call(me.GET, { path: "/api/v1/me", token: forged, headers: fromClient(CLIENT, { "x-request-id": `t-${i}` }) });
    });
    checked(lines, [forged]);
    expect(lines.filter((l) => l.event === "token.refused")).toHaveLength(INVALID_TOKENS_PER_CLIENT.limit);
    expect(lines[0]).toMatchObject({ event: "token.refused", clientAddress: CLIENT, requestId: "t-0", path: "/api/v1/me" });
    expect(lines.at(-1)).toMatchObject({
      event: "rate_limited",
      clientAddress: CLIENT,
      requestId: `t-${INVALID_TOKENS_PER_CLIENT.limit}`,
      method: "GET",
    });
  });
});

describe("403s", () => {
  test("a refused API call names the user, the client, the request and the operation, and not the token", async () => {
    const { lines, result } = await captureSecurityLog(() =>
      call(users.GET, { path: "/api/v1/users", token: user.token, headers: fromClient(CLIENT, { "x-request-id": "admin-probe" }) }),
    );
    expect(result.status).toBe(403);
    expect(checked(lines, [user.token])).toEqual([
      expect.objectContaining({
        event: "forbidden",
        userId: user.id,
        clientAddress: CLIENT,
        requestId: "admin-probe",
        method: "GET",
        path: "/api/v1/users",
      }),
    ]);
  });

  test("a refused server action names the user, the client and the request, and not the session cookie", async () => {
    const outsider = await createUser({ role: "rep" });
    await signInAs(user);
    setRequestHeaders(fromClient(CLIENT, { "x-request-id": "action-1" }));
    const { lines, result } = await captureSecurityLog(() => createDealAction(dealBody({ ownerId: outsider.id })));
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(JSON.stringify(lines)).not.toMatch(/eyJ[\w-]{10,}/); // a session cookie is a JWT
    expect(checked(lines, [])).toEqual([
      expect.objectContaining({ event: "forbidden", userId: user.id, clientAddress: CLIENT, requestId: "action-1", via: "server action" }),
    ]);
  });
});
