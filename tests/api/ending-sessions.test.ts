// What ends a user's sessions besides signing out: changing the password (every other session),
// "sign out everywhere" (all of them) and deactivation (all of them, and API tokens stop too).
import { beforeEach, describe, expect, test, vi } from "vitest";
import { changePasswordAction, signOutEverywhereAction } from "@/app/settings/actions";
import * as me from "@/app/api/v1/me/route";
import * as user$ from "@/app/api/v1/users/[id]/route";
import { sessionCookieName } from "@/src/auth/session";
import { PASSWORD_CHANGE_LIMIT } from "@/src/server/account/change-own-password";
import { verifyCredentials } from "@/src/server/auth/verify-credentials";
import { db } from "@/src/server/db";
import { captureSecurityLog } from "@/src/server/security/security-log";
import { cookiesSet, isRedirect, sendSessionCookie, signInAs } from "../support/action-session";
import { createUser, PASSWORD, type TestUser } from "../support/fixtures";
import { call } from "../support/http";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);

process.env.NEXTAUTH_URL = "http://localhost:3000";
const NEW_PASSWORD = "zebra kettle orbit 93";

let user: TestUser;
beforeEach(async () => {
  user = await createUser({ role: "rep" });
});

const meWith = (session: string) => call(me.GET, { headers: { cookie: `${sessionCookieName()}=${session}` } });
const meStatus = async (session: string) => (await meWith(session)).status;
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const changePassword = (fields: Record<string, string>) => changePasswordAction({ status: "idle" }, form(fields));
const change = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };

describe("changing the password on the settings page", () => {
  test("ends every other session of the user and keeps this one; the new password is the one that works", async () => {
    const elsewhere = await signInAs(user);
    const here = await signInAs(user);
    const { result, lines } = await captureSecurityLog(() => changePassword(change));
    expect(result).toEqual({ status: "changed", endedSessions: 1 });
    expect(await meStatus(here)).toBe(200);
    expect(await meStatus(elsewhere)).toBe(401);
    expect(await meStatus(here)).toBe(200);
    expect((await call(me.GET, { token: user.token })).status).toBe(200); // API tokens are not sessions
    expect(lines).toEqual([expect.objectContaining({ event: "password.changed", userId: user.id, endedSessions: 1 })]);
    const signIn = (password: string) => verifyCredentials(db(), { email: user.email, password, clientAddress: null });
    await expect(signIn(PASSWORD)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await signIn(NEW_PASSWORD)).id).toBe(user.id);
  });

  test.each([
    ["a wrong current password", { currentPassword: "not my password" }, "currentPassword", "is not your current password"],
    ["a common new password", { newPassword: "password1234", confirmPassword: "password1234" }, "newPassword", /^too easy to guess: .*common/],
    ["a short new password", { newPassword: "kettle orb9", confirmPassword: "kettle orb9" }, "newPassword", "at least 12 characters"],
    ["a confirmation that differs", { confirmPassword: `${NEW_PASSWORD}!` }, "confirmPassword", "does not match the new password"],
    ["the current password again", { newPassword: PASSWORD, confirmPassword: PASSWORD }, "newPassword", "must differ from your current password"],
  ])("%s is refused next to its field, and nothing changes", async (_, fields, field, message) => {
    const elsewhere = await signInAs(user);
    await signInAs(user);
    const result = await changePassword({ ...change, ...fields });
    expect(result).toMatchObject({ status: "invalid", fields: { [field]: expect.stringMatching(message) } });
    expect(await meStatus(elsewhere)).toBe(200);
    expect((await verifyCredentials(db(), { email: user.email, password: PASSWORD, clientAddress: null })).id).toBe(user.id);
  });

  test(`after ${PASSWORD_CHANGE_LIMIT.limit} wrong current passwords even the right one is refused for a while`, async () => {
    await signInAs(user);
    for (let i = 0; i < PASSWORD_CHANGE_LIMIT.limit; i++) await changePassword({ ...change, currentPassword: `wrong ${i}` });
    expect(await changePassword(change)).toEqual({ status: "invalid", fields: {}, error: "Too many wrong passwords. Try again later." });
  });

  test("without a live session the action changes nothing and sends to sign-in", async () => {
    const old = await signInAs(user);
    await db().userSession.deleteMany({ where: { userId: user.id } });
    sendSessionCookie(old);
    expect(isRedirect(await changePassword(change).catch((e) => e))).toBe(true);
    expect((await verifyCredentials(db(), { email: user.email, password: PASSWORD, clientAddress: null })).id).toBe(user.id);
  });
});

describe("sign out everywhere", () => {
  test("ends every session of the user, this one included, clears the cookie and goes to sign-in", async () => {
    const other = await createUser({ role: "rep" });
    const othersSession = await signInAs(other);
    const elsewhere = await signInAs(user);
    const here = await signInAs(user);
    cookiesSet.clear();
    const { result, lines } = await captureSecurityLog(() => signOutEverywhereAction().catch((e) => e));
    expect(isRedirect(result)).toBe(true);
    expect(cookiesSet.get(sessionCookieName())).toBe("");
    expect([await meStatus(here), await meStatus(elsewhere), await meStatus(othersSession)]).toEqual([401, 401, 200]);
    expect(lines).toEqual([expect.objectContaining({ event: "session.ended", userId: user.id, reason: "sign_out_everywhere", endedSessions: 2 })]);
  });
});

describe("deactivating a user (PATCH /api/v1/users/{id})", () => {
  let admin: TestUser;
  beforeEach(async () => {
    admin = await createUser({ role: "admin" });
  });
  const setActive = (id: string, active: unknown, token = admin.token) =>
    call(user$.PATCH, { method: "PATCH", token, params: { id }, body: { active }, path: `/api/v1/users/${id}` });

  test("ends their sessions and stops their API tokens at once; reactivating brings back the tokens, not the sessions", async () => {
    const session = await signInAs(user);
    const off = await setActive(user.id, false);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: user.id, active: false });
    expect(await meStatus(session)).toBe(401);
    expect((await call(me.GET, { token: user.token })).status).toBe(401);
    expect(await db().userSession.count({ where: { userId: user.id } })).toBe(0);

    expect((await setActive(user.id, true)).body.active).toBe(true);
    expect((await call(me.GET, { token: user.token })).status).toBe(200);
    expect(await meStatus(session)).toBe(401);
    expect(await meStatus(await signInAs(user))).toBe(200);
  });

  test.each([
    ["an admin deactivating themselves", () => ({ id: admin.id, active: false, token: admin.token }), 400, "VALIDATION_FAILED"],
    ["a rep", () => ({ id: user.id, active: false, token: user.token }), 403, "FORBIDDEN"],
    ["an unknown user", () => ({ id: "no-such-user", active: false, token: admin.token }), 404, "NOT_FOUND"],
    ["a flag that is not a boolean", () => ({ id: user.id, active: "no", token: admin.token }), 400, "VALIDATION_FAILED"],
  ])("%s is refused with its status and code", async (_, args, status, code) => {
    const { id, active, token } = args();
    const res = await setActive(id, active, token);
    expect([res.status, res.body.error.code]).toEqual([status, code]);
    expect((await call(me.GET, { token: user.token })).status).toBe(200);
  });
});
