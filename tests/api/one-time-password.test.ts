// The first admin's password is printed once by `npm run create-admin`, so someone else may have
// seen it: until its holder chooses their own, the account can do nothing but that.
import { beforeEach, describe, expect, test, vi } from "vitest";
import { moveDeal } from "@/app/opportunities/_actions/deal-actions";
import { changePasswordAction, createTokenAction } from "@/app/settings/actions";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { CHOOSE_PASSWORD_PATH, requireActor } from "@/src/auth/current-actor";
import { sessionCookieName } from "@/src/auth/session";
import { database, db } from "@/src/server/db";
import { createFirstAdmin } from "@/src/server/users/create-first-admin";
import { isRedirect, signInAs } from "../support/action-session";
import { call } from "../support/http";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, refresh: () => undefined }));

process.env.NEXTAUTH_URL = "http://localhost:3000";
let EMAIL = "";
let n = 0;
const OWN_PASSWORD = "violet harbour lantern 58";

let admin: { id: string; password: string };
let session: string;
beforeEach(async () => {
  EMAIL = `owner-${++n}@example.test`; // one database for the whole file
  admin = await createFirstAdmin(database(), { email: EMAIL, name: "Owner" });
  session = await signInAs({ id: admin.id, email: EMAIL });
});

const askToken = (password: string) =>
  call(tokens.POST, { method: "POST", path: "/api/v1/tokens", body: { email: EMAIL, password }, headers: { "content-type": "application/json" } });
const meStatus = async () => (await call(me.GET, { headers: { cookie: `${sessionCookieName()}=${session}` } })).status;
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const redirectOf = async (run: () => Promise<unknown>): Promise<string | null> => {
  try {
    await run();
    return null;
  } catch (e) {
    if (!isRedirect(e)) throw e;
    return String((e as { digest: string }).digest).split(";")[2] ?? "";
  }
};
const choose = () =>
  changePasswordAction({ status: "idle" }, form({ currentPassword: admin.password, newPassword: OWN_PASSWORD, confirmPassword: OWN_PASSWORD }));

describe("while the one-time password is held", () => {
  test("the API answers 403 with what to do, to the session and to a token request alike", async () => {
    expect(await meStatus()).toBe(403);
    const refused = await askToken(admin.password);
    expect(refused.status).toBe(403);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/one-time password.*settings/);
    expect(await db().apiToken.count({ where: { userId: admin.id } })).toBe(0);
  });

  test("pages send the user to choose a password; the settings page itself stays open", async () => {
    expect(await redirectOf(() => requireActor("/board"))).toBe(CHOOSE_PASSWORD_PATH);
    expect(await redirectOf(() => requireActor("/settings", { oneTimePassword: "allowed" }))).toBeNull();
  });

  test("server actions refuse: a deal write, and a token from the settings page", async () => {
    const move = await moveDeal({ id: "any", version: 1, toStageKey: "qualify" });
    expect(move).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await redirectOf(() => createTokenAction({ status: "idle" }, form({ name: "ci", expiresIn: "never" })))).toBe(CHOOSE_PASSWORD_PATH);
    expect(await db().apiToken.count({ where: { userId: admin.id } })).toBe(0);
  });
});

test("choosing a password opens everything, sends the user home, and the one-time password stops working", async () => {
  expect(await redirectOf(choose)).toBe("/");
  expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).mustChangePassword).toBe(false);
  expect(await meStatus()).toBe(200); // the session that made the change stays
  expect(await redirectOf(() => requireActor("/board"))).toBeNull();
  expect((await askToken(admin.password)).status).toBe(401);
  expect((await askToken(OWN_PASSWORD)).status).toBe(201);
});

test("a wrong current password changes nothing and keeps the account closed", async () => {
  const result = await changePasswordAction(
    { status: "idle" },
    form({ currentPassword: "not it at all 123", newPassword: OWN_PASSWORD, confirmPassword: OWN_PASSWORD }),
  );
  expect(result).toMatchObject({ status: "invalid" });
  expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).mustChangePassword).toBe(true);
  expect(await meStatus()).toBe(403);
});
