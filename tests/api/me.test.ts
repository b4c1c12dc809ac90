import { describe, expect, test } from "vitest";
import * as me from "@/app/api/v1/me/route";
import { sessionCookie } from "@/src/auth/session-cookie";
import { database, db } from "@/src/server/db";
import { call } from "../support/http";
import { createTeam, createUser } from "../support/fixtures";

describe("GET /api/v1/me", () => {
  test("answers the caller", async () => {
    const team = await createTeam();
    const user = await createUser({ role: "deal_desk", groups: ["finance", "legal"], teamId: team.id });
    const res = await call(me.GET, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: user.id,
      email: user.email,
      name: "Test deal_desk",
      role: "deal_desk",
      teamId: team.id,
      groups: ["finance", "legal"],
    });
  });

  test.each([
    ["no credentials", {}],
    ["an unknown token", { authorization: "Bearer stl_notarealtoken" }],
    ["a malformed header", { authorization: "Basic abc" }],
    ["a garbage session cookie", { cookie: "next-auth.session-token=garbage" }],
    ["a cookie that is not valid percent-encoding", { cookie: "next-auth.session-token=%E0%A4%A" }],
  ])("%s is 401", async (_, headers) => {
    const res = await call(me.GET, { headers });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  test("a revoked token, an expired token and a deactivated user's token stop working", async () => {
    const revoked = await createUser({ role: "rep" });
    await db().apiToken.updateMany({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
    const expired = await createUser({ role: "rep" });
    await db().apiToken.updateMany({ where: { userId: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const gone = await createUser({ role: "rep" });
    await db().user.update({ where: { id: gone.id }, data: { active: false } });
    for (const u of [revoked, expired, gone]) expect((await call(me.GET, { token: u.token })).status).toBe(401);
  });

  test("a role change takes effect on the next request", async () => {
    const user = await createUser({ role: "rep" });
    await db().user.update({ where: { id: user.id }, data: { role: "manager" } });
    expect((await call(me.GET, { token: user.token })).body.role).toBe("manager");
  });
});

describe("a browser session", () => {
  test("a session cookie names the user; one signed with another secret does not", async () => {
    const { encode } = await import("next-auth/jwt");
    process.env.NEXTAUTH_SECRET = "test-secret";
    const user = await createUser({ role: "manager" });
    const good = await sessionCookie(database().sql, { id: user.id, email: user.email, name: "Test manager" });
    const claims = { sub: user.id, sid: good.value }; // any claims: the signature is what fails
    const forged = await encode({ token: claims, secret: "another-secret" });
    const ok = await call(me.GET, { headers: { cookie: `other=1; next-auth.session-token=${good.value}` } });
    expect(ok.status).toBe(200);
    expect(ok.body.id).toBe(user.id);
    expect((await call(me.GET, { headers: { cookie: `next-auth.session-token=${forged}` } })).status).toBe(401);
  });
});
