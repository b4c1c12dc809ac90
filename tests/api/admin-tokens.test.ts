// Every user's API tokens, for admins (docs/rules/access.md): listed with their owners and status,
// filtered, revoked (the token answers 401 from its next request), each revocation audited; every
// other role is refused.
import { beforeAll, describe, expect, test } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { issueApiToken } from "@/src/auth/api-tokens";
import { AdminTokenList } from "@/src/schemas/tokens";
import { db } from "@/src/server/db";
import { ensureDefaults } from "../support/deals";
import { createOrg, createUser, type TestUser } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
let owner: TestUser;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  owner = await createUser({ role: "rep", teamId: org.team.id, name: "Tina Tokens" });
});

const list = async (query: Record<string, string> = {}) => {
  const res = await call(tokens.GET, { token: org.admin.token, path: `/api/v1/tokens?${new URLSearchParams(query)}` });
  expect(res.status).toBe(200);
  return AdminTokenList.parse(res.body);
};

describe("the list", () => {
  test("names each token's owner and status, shows only its prefix, and is refused to every other role", async () => {
    const { items } = await list({ userId: owner.id });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      name: "test",
      owner: { id: owner.id, email: owner.email, name: "Tina Tokens", active: true },
      status: "active",
    });
    expect(owner.token.startsWith(items[0]!.prefix)).toBe(true);
    expect(JSON.stringify(items)).not.toContain(owner.token);
    for (const user of [org.manager, org.rep, org.finance]) expect((await call(tokens.GET, { token: user.token })).status).toBe(403);
  });

  test("filters by status: an expired token is expired, a revoked one revoked, and pages newest first", async () => {
    const expired = await issueApiToken(db(), owner.id, { name: "old", expiresAt: new Date(Date.now() - 1000) });
    const revoked = await issueApiToken(db(), owner.id, { name: "gone" });
    await db().apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const ofStatus = async (status: string) => (await list({ userId: owner.id, status })).items.map((t) => t.name);
    expect(await ofStatus("expired")).toEqual(["old"]);
    expect(await ofStatus("revoked")).toEqual(["gone"]);
    expect(await ofStatus("active")).toEqual(["test"]);
    const first = await list({ userId: owner.id, limit: "2" });
    expect(first.items.map((t) => t.name)).toEqual(["gone", "old"]);
    const rest = await list({ userId: owner.id, limit: "2", cursor: first.nextCursor! });
    expect(rest).toEqual({ items: [expect.objectContaining({ name: "test" })], nextCursor: null });
    expect(expired.id).toBeTruthy();
  });

  test("a status it does not know is a 400 naming it", async () => {
    const res = await call(tokens.GET, { token: org.admin.token, path: "/api/v1/tokens?status=lost" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field: "query.status", message: "one of active, expired, revoked" }]);
  });
});

describe("revoking", () => {
  test("the token answers 401 from its next request, the revocation is in the audit log, and again changes nothing", async () => {
    const victim = await createUser({ role: "rep", teamId: org.team.id });
    expect((await call(me.GET, { token: victim.token })).status).toBe(200);
    const [row] = (await list({ userId: victim.id })).items;
    const res = await call(token.DELETE, { method: "DELETE", token: org.admin.token, params: { id: row!.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: row!.id, status: "revoked", revokedAt: expect.any(String) });
    expect((await call(me.GET, { token: victim.token })).status).toBe(401);
    const entries = await db().auditEntry.findMany({ where: { objectId: row!.id } });
    expect(entries).toEqual([
      expect.objectContaining({
        action: "token.revoked",
        actorId: org.admin.id,
        after: expect.objectContaining({ owner: { id: victim.id, email: victim.email }, revokedAt: res.body.revokedAt }),
      }),
    ]);
    const again = await call(token.DELETE, { method: "DELETE", token: org.admin.token, params: { id: row!.id } });
    expect(again.body.revokedAt).toBe(res.body.revokedAt);
    expect(await db().auditEntry.count({ where: { objectId: row!.id } })).toBe(1);
  });

  test("an unknown token is a 404; every other role is refused, and the token still works", async () => {
    expect((await call(token.DELETE, { method: "DELETE", token: org.admin.token, params: { id: "nope" } })).status).toBe(404);
    const [row] = (await list({ userId: owner.id, status: "active" })).items;
    for (const user of [org.manager, org.rep, org.finance, owner])
      expect((await call(token.DELETE, { method: "DELETE", token: user.token, params: { id: row!.id } })).status).toBe(403);
    expect((await call(me.GET, { token: owner.token })).status).toBe(200);
  });
});
