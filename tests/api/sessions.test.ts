// Browser sessions are kept on the server. They used to be only a signed cookie naming the user:
// after sign-out the old cookie still read /api/v1/me and the board for 12 hours, and every call
// of /api/auth/session extended it for 12 more.
import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import * as me from "@/app/api/v1/me/route";
import { currentActor } from "@/src/auth/current-actor";
import { findActorBySessionToken } from "@/src/auth/session";
import { sessionCookie } from "@/src/auth/session-cookie";
import { SESSION_IDLE_SECONDS, SESSION_LIFETIME_SECONDS } from "@/src/auth/user-sessions";
import { database, db } from "@/src/server/db";
import { captureSecurityLog } from "@/src/server/security/security-log";
import { sendSessionCookie } from "../support/action-session";
import { createUser, PASSWORD, type TestUser } from "../support/fixtures";
import { call } from "../support/http";
import { NextAuthBrowser } from "../support/next-auth-browser";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);

const HTTP = "http://localhost:3000";
process.env.NEXTAUTH_SECRET = "test-session-secret";
let user: TestUser;
beforeEach(async () => {
  process.env.NEXTAUTH_URL = HTTP;
  user = await createUser({ role: "rep" });
});
afterEach(() => {
  process.env.NEXTAUTH_URL = HTTP;
});

const meWith = (cookie: string) => call(me.GET, { headers: { cookie } });
const plain = (value: string) => `next-auth.session-token=${value}`;

/** The page-side reader (pages and server actions), as a browser sending this cookie value sees it. */
async function pageActor(value: string) {
  sendSessionCookie(value);
  return (await currentActor())?.id ?? null;
}

describe("signing out", () => {
  test("after sign-out through next-auth the old cookie is refused by the API and by pages", async () => {
    const browser = new NextAuthBrowser();
    await browser.signIn(user.email, PASSWORD);
    const old = browser.sessionCookie!;
    expect((await meWith(plain(old))).body.id).toBe(user.id);
    expect(await pageActor(old)).toBe(user.id);

    const { lines } = await captureSecurityLog(() => browser.signOut());
    expect(browser.sessionCookie).toBeUndefined();
    expect((await meWith(plain(old))).status).toBe(401);
    expect(await pageActor(old)).toBeNull();
    expect(lines).toEqual([expect.objectContaining({ event: "session.ended", userId: user.id, reason: "sign_out" })]);
  });

  test("each sign-in is its own session: signing out in one browser leaves the other signed in", async () => {
    const [first, second] = [new NextAuthBrowser(), new NextAuthBrowser()];
    await first.signIn(user.email, PASSWORD);
    await second.signIn(user.email, PASSWORD);
    await first.signOut();
    expect((await meWith(plain(second.sessionCookie!))).status).toBe(200);
  });

  test("a cookie that names no live session is refused, however well signed", async () => {
    const other = await createUser({ role: "rep" });
    const { value } = await sessionCookie(database().sql, { id: other.id, email: other.email, name: "Other" });
    const otherSid = (await db().userSession.findFirstOrThrow({ where: { userId: other.id } })).id;
    const secret = process.env.NEXTAUTH_SECRET!;
    const cookies = {
      "only the user, as before sessions were kept": await encode({ token: { sub: user.id }, secret }),
      "an unknown session": await encode({ token: { sub: user.id, sid: "no-such-session" }, secret }),
      "another user's session": await encode({ token: { sub: user.id, sid: otherSid }, secret }),
    };
    for (const [what, cookie] of Object.entries(cookies)) expect((await meWith(plain(cookie))).status, what).toBe(401);
    expect((await meWith(plain(value))).body.id).toBe(other.id);
  });
});

describe("how long a session lasts", () => {
  const start = new Date();
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
  const newSession = async () => (await sessionCookie(database().sql, { id: user.id, email: user.email, name: "Rep" }, start)).value;
  const reader = (cookie: string, seconds: number) => findActorBySessionToken(db(), cookie, at(seconds));

  test(`a session used every hour still ends ${SESSION_LIFETIME_SECONDS / 3600} hours after sign-in`, async () => {
    const cookie = await newSession();
    for (let s = 3600; s < SESSION_LIFETIME_SECONDS; s += 3600) expect(await reader(cookie, s), `after ${s / 3600} h`).not.toBeNull();
    expect(await reader(cookie, SESSION_LIFETIME_SECONDS - 1)).not.toBeNull();
    expect(await reader(cookie, SESSION_LIFETIME_SECONDS)).toBeNull();
  });

  test(`a session unused for ${SESSION_IDLE_SECONDS / 3600} hours ends; each use restarts the count`, async () => {
    const idle = await newSession();
    expect(await reader(idle, SESSION_IDLE_SECONDS)).toBeNull();
    const used = await newSession();
    expect(await reader(used, SESSION_IDLE_SECONDS - 60)).not.toBeNull();
    expect(await reader(used, SESSION_IDLE_SECONDS + 60)).not.toBeNull();
    expect(await reader(used, SESSION_IDLE_SECONDS + 60 + SESSION_IDLE_SECONDS)).toBeNull();
  });

  test("the session endpoint renews the cookie, never the session: past its end it answers no session and clears the cookie", async () => {
    const browser = new NextAuthBrowser();
    await browser.signIn(user.email, PASSWORD);
    const before = await db().userSession.findFirstOrThrow({ where: { userId: user.id } });
    expect(await browser.session()).toMatchObject({ user: { email: user.email }, userId: user.id });
    const renewed = browser.sessionCookie!;
    expect((await db().userSession.findUniqueOrThrow({ where: { id: before.id } })).expiresAt).toEqual(before.expiresAt);

    // The lifetime passing, without waiting for it: the row's end is moved to now.
    await db().userSession.update({ where: { id: before.id }, data: { expiresAt: new Date() } });
    expect(await browser.session()).toEqual({});
    expect(browser.sessionCookie).toBeUndefined();
    expect((await meWith(plain(renewed))).status).toBe(401);
  });
});

describe("the cookie's name", () => {
  const HTTPS = "https://stageline.example.test";

  test("over HTTPS the session cookie is __Host- prefixed and SameSite=None (for the embed's frames), from next-auth and from the no-JavaScript sign-in alike", async () => {
    process.env.NEXTAUTH_URL = HTTPS;
    const browser = new NextAuthBrowser();
    await browser.signIn(user.email, PASSWORD);
    const set = browser.set.get("__Host-next-auth.session-token");
    expect(set?.options).toMatchObject({ secure: true, path: "/", httpOnly: true, sameSite: "none" });
    expect(set?.options).not.toHaveProperty("domain");
    const made = await sessionCookie(database().sql, { id: user.id, email: user.email, name: "Rep" });
    expect([made.name, made.options.secure, made.options.path, made.options.sameSite]).toEqual(["__Host-next-auth.session-token", true, "/", "none"]);
  });

  test("over HTTPS a valid session under any other name is not read", async () => {
    process.env.NEXTAUTH_URL = HTTPS;
    const { value } = await sessionCookie(database().sql, { id: user.id, email: user.email, name: "Rep" });
    expect((await meWith(`__Host-next-auth.session-token=${value}`)).status).toBe(200);
    expect((await meWith(plain(value))).status).toBe(401);
    expect((await meWith(`__Secure-next-auth.session-token=${value}`)).status).toBe(401);
  });

  test("over plain HTTP (development) the cookie has no prefix and stays SameSite=Lax, which browsers would refuse otherwise", async () => {
    const browser = new NextAuthBrowser();
    await browser.signIn(user.email, PASSWORD);
    expect([...browser.set.keys()]).toContain("next-auth.session-token");
    expect(browser.set.get("next-auth.session-token")?.options).toMatchObject({ secure: false, sameSite: "lax" });
    const made = await sessionCookie(database().sql, { id: user.id, email: user.email, name: "Rep" });
    expect([made.name, made.options.secure, made.options.sameSite]).toEqual(["next-auth.session-token", false, "lax"]);
  });
});
