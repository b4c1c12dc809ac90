// People (docs/rules/people.md): invitations with a one-time link, changing a user's role, team and
// groups, deactivation (their API token answers 401 on the next request), reassigning a user's open
// deals through the write path, and teams renamed or given a manager. Admins only, 403 for the rest.
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as team from "@/app/api/v1/teams/[id]/route";
import * as teams from "@/app/api/v1/teams/route";
import * as invitation from "@/app/api/v1/users/[id]/invitation/route";
import * as openDeals from "@/app/api/v1/users/[id]/open-deals/route";
import * as reassign from "@/app/api/v1/users/[id]/reassign-deals/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as invitations from "@/app/api/v1/users/invitations/route";
import * as users from "@/app/api/v1/users/route";
import { verifyPassword } from "@/src/auth/password";
import { database, db } from "@/src/server/db";
import { acceptInvitation, INVITATION_HOURS, readInvitation } from "@/src/server/users/invitations";
import { insertDeal } from "../support/board";
import { ensureDefaults } from "../support/deals";
import { createOrg, createTeam, createUser } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const STRONG = "violet harbour lantern 42 quietly";
const unique = () => Math.random().toString(36).slice(2, 10);
const invite = (extra: Record<string, unknown> = {}) =>
  call(invitations.POST, { token: org.admin.token, body: { email: `inv-${unique()}@example.test`, name: "Robin Invited", role: "rep", ...extra } });

/** The e-mail of the invitation open now for `email` (by its key), and the token of its link. */
async function invitationMail(email: string) {
  const q = database().sql;
  const open = await q
    .selectFrom("UserInvitation as i")
    .innerJoin("User as u", "u.id", "i.userId")
    .select("i.id")
    .where("u.email", "=", email)
    .where("i.revokedAt", "is", null)
    .where("i.acceptedAt", "is", null)
    .executeTakeFirstOrThrow();
  const row = await q.selectFrom("OutboxMessage").selectAll().where("idempotencyKey", "=", `invitation:${open.id}:email`).executeTakeFirstOrThrow();
  const payload = (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as { to: string[]; subject: string; text: string };
  const mail = { ...row, payload };
  const token = payload.text.match(/\/invite\/([A-Za-z0-9_-]+)/)?.[1];
  return { mail, token: token! };
}

const savedOidc = { ...process.env };
afterEach(() => {
  for (const k of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME"]) {
    if (savedOidc[k] === undefined) delete process.env[k];
    else process.env[k] = savedOidc[k];
  }
});

describe("every people endpoint is for admins only", () => {
  for (const who of ["rep", "manager", "finance"] as const)
    test(`${who} gets 403 from each`, async () => {
      const token = org[who].token;
      const params = { id: org.rep.id };
      const results = [
        await call(users.GET, { token }),
        await call(invitations.POST, { token, body: { email: `x-${unique()}@example.test`, name: "X", role: "rep" } }),
        await call(invitation.POST, { token, params }),
        await call(user.PATCH, { token, method: "PATCH", params, body: { role: "manager" } }),
        await call(openDeals.GET, { token, params }),
        await call(reassign.POST, { token, params, body: { toUserId: org.teammate.id } }),
        await call(team.PATCH, { token, method: "PATCH", params: { id: org.team.id }, body: { name: "Renamed" } }),
        await call(teams.GET, { token }),
      ];
      expect(results.map((r) => r.status)).toEqual(results.map(() => 403));
      expect(await db().user.findUniqueOrThrow({ where: { id: org.rep.id } })).toMatchObject({ role: "rep" });
    });
});

describe("invitations", () => {
  test("an invited user has no password, is listed as invited, and is e-mailed a one-time link valid 72 hours", async () => {
    const email = `inv-${unique()}@example.test`;
    const before = Date.now();
    const res = await invite({ email, role: "deal_desk", groups: ["legal", "finance"], teamId: org.team.id });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, role: "deal_desk", teamId: org.team.id, status: "invited", active: true, lastSignInAt: null });
    expect(res.body.user.groups.sort()).toEqual(["finance", "legal"]);
    const expires = Date.parse(res.body.expiresAt) - before;
    expect(expires).toBeGreaterThanOrEqual(INVITATION_HOURS * 3_600_000 - 5_000);
    expect(expires).toBeLessThanOrEqual(INVITATION_HOURS * 3_600_000 + 5_000);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).passwordHash).toBeNull();

    const { mail, token } = await invitationMail(email);
    expect(mail?.payload.subject).toMatch(/invited/i);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(mail?.payload.text).not.toMatch(/single sign-on|sign in with/i);
    // Only a hash of the link's token is stored.
    const stored = await database().sql.selectFrom("UserInvitation").select("tokenHash").where("userId", "=", res.body.user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);

    const listed = await call(users.GET, { token: org.admin.token, path: "/api/v1/users?status=invited" });
    expect(listed.body.items.map((u: { email: string }) => u.email)).toContain(email);
    expect(
      (await call(users.GET, { token: org.admin.token, path: "/api/v1/users?status=active" })).body.items.map((u: { email: string }) => u.email),
    ).not.toContain(email);
  });

  test("where single sign-on is configured, the e-mail says they may sign in with it", async () => {
    Object.assign(process.env, { OIDC_ISSUER: "https://id.example.test", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_NAME: "Acme ID" });
    const email = `sso-${unique()}@example.test`;
    expect((await invite({ email })).status).toBe(201);
    expect((await invitationMail(email)).mail?.payload.text).toContain("sign in with Acme ID");
  });

  test("the link sets a password once: strong enough, then never again", async () => {
    const email = `inv-${unique()}@example.test`;
    const res = await invite({ email });
    const { token } = await invitationMail(email);
    expect(await readInvitation(database().sql, token)).toMatchObject({ state: "open", email, name: "Robin Invited" });

    const accepted = await acceptInvitation(token, STRONG);
    expect(accepted).toMatchObject({ id: res.body.user.id, email });
    const row = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await verifyPassword(STRONG, row.passwordHash)).toBe(true);
    expect(
      (await call(users.GET, { token: org.admin.token, path: "/api/v1/users?status=active" })).body.items.map((u: { email: string }) => u.email),
    ).toContain(email);

    expect(await readInvitation(database().sql, token)).toMatchObject({ state: "used", invitedBy: { email: org.admin.email } });
    await expect(acceptInvitation(token, "another strong passphrase here")).rejects.toMatchObject({ code: "CONFLICT", details: { state: "used" } });
    expect(await verifyPassword(STRONG, (await db().user.findUniqueOrThrow({ where: { email } })).passwordHash)).toBe(true);
    // A user with a password cannot be sent another invitation.
    expect((await call(invitation.POST, { token: org.admin.token, params: { id: res.body.user.id } })).status).toBe(409);
  });

  test("an expired link and an unknown one are refused", async () => {
    const email = `inv-${unique()}@example.test`;
    await invite({ email });
    const { token } = await invitationMail(email);
    const later = new Date(Date.now() + INVITATION_HOURS * 3_600_000 + 1_000);
    expect(await readInvitation(database().sql, token, later)).toMatchObject({ state: "expired", invitedBy: { email: org.admin.email } });
    await expect(acceptInvitation(token, STRONG, later)).rejects.toMatchObject({ code: "CONFLICT", details: { state: "expired" } });
    expect(await readInvitation(database().sql, "not-a-token")).toEqual({ state: "unknown", invitedBy: null });
    await expect(acceptInvitation("not-a-token", STRONG)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db().user.findUniqueOrThrow({ where: { email } })).passwordHash).toBeNull();
  });

  test("resending makes a new link; the old one stops working", async () => {
    const email = `inv-${unique()}@example.test`;
    const res = await invite({ email });
    const { token: first } = await invitationMail(email);
    const again = await call(invitation.POST, { token: org.admin.token, params: { id: res.body.user.id } });
    expect(again.status).toBe(200);
    expect(again.body.user.status).toBe("invited");
    const { token: second } = await invitationMail(email);
    expect(second).not.toBe(first);
    expect(await readInvitation(database().sql, first)).toMatchObject({ state: "replaced" });
    await expect(acceptInvitation(first, STRONG)).rejects.toMatchObject({ code: "CONFLICT", details: { state: "replaced" } });
    await acceptInvitation(second, STRONG);
  });

  test("a deactivated invited user's link no longer works", async () => {
    const email = `inv-${unique()}@example.test`;
    const res = await invite({ email });
    const { token } = await invitationMail(email);
    await call(user.PATCH, { token: org.admin.token, method: "PATCH", params: { id: res.body.user.id }, body: { active: false } });
    await expect(acceptInvitation(token, STRONG)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await call(invitation.POST, { token: org.admin.token, params: { id: res.body.user.id } })).status).toBe(409);
    // Reactivated, they are still invited, and the old link stays closed: a new one is sent.
    const back = await call(user.PATCH, { token: org.admin.token, method: "PATCH", params: { id: res.body.user.id }, body: { active: true } });
    expect(back.body.status).toBe("invited");
    expect(await readInvitation(database().sql, token)).toMatchObject({ state: "replaced" });
    await expect(acceptInvitation(token, STRONG)).rejects.toMatchObject({ code: "CONFLICT", details: { state: "replaced" } });
    expect((await call(invitation.POST, { token: org.admin.token, params: { id: res.body.user.id } })).status).toBe(200);
    await acceptInvitation((await invitationMail(email)).token, STRONG);
  });

  test("refused: a taken e-mail (409), groups that do not fit the role, an unknown team (400)", async () => {
    expect((await invite({ email: org.rep.email })).status).toBe(409);
    expect((await invite({ role: "rep", groups: ["legal"] })).status).toBe(400);
    expect((await invite({ role: "deal_desk" })).status).toBe(400);
    const noTeam = await invite({ teamId: "no-such-team" });
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.error.details.fields[0].field).toBe("teamId");
  });
});

describe("changing a user", () => {
  test("role, team and groups change; groups follow the role", async () => {
    const u = await createUser({ role: "rep", teamId: org.team.id });
    const res = await call(user.PATCH, {
      token: org.admin.token,
      method: "PATCH",
      params: { id: u.id },
      body: { role: "deal_desk", groups: ["finance"], teamId: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: "deal_desk", groups: ["finance"], teamId: null, status: "active" });
    const back = await call(user.PATCH, {
      token: org.admin.token,
      method: "PATCH",
      params: { id: u.id },
      body: { role: "rep", teamId: org.otherTeam.id },
    });
    expect(back.body).toMatchObject({ role: "rep", groups: [], teamId: org.otherTeam.id });
  });

  test("refused: a deal desk role without groups, groups for a rep, an admin demoting themselves, a manager who leads a team, a role that may not own deals while owning some", async () => {
    const u = await createUser({ role: "rep" });
    const patch = (id: string, body: Record<string, unknown>) => call(user.PATCH, { token: org.admin.token, method: "PATCH", params: { id }, body });
    expect((await patch(u.id, { role: "deal_desk" })).status).toBe(400);
    expect((await patch(u.id, { groups: ["legal"] })).status).toBe(400);
    const self = await patch(org.admin.id, { role: "rep" });
    expect(self.status).toBe(400);
    expect(self.body.error.details.fields[0].field).toBe("role");
    const lead = await patch(org.manager.id, { role: "rep" });
    expect(lead.status).toBe(400);
    expect(lead.body.error.details.fields[0].message).toContain("Enterprise");
    const owner = await createUser({ role: "rep" });
    await insertDeal(owner.id, { name: "Kept deal", amount: 1000, closeDate: "2027-03-31", stage: "qualify" });
    expect((await patch(owner.id, { role: "admin" })).status).toBe(400);
    expect((await call(user.PATCH, { token: org.admin.token, method: "PATCH", params: { id: "nobody" }, body: { role: "rep" } })).status).toBe(404);
    expect((await patch(u.id, {})).status).toBe(400);
  });
});

describe("deactivation and reassignment", () => {
  test("a deactivated user's API token answers 401 on the next request, and works again once reactivated", async () => {
    const u = await createUser({ role: "rep" });
    expect((await call(me.GET, { token: u.token })).status).toBe(200);
    const off = await call(user.PATCH, { token: org.admin.token, method: "PATCH", params: { id: u.id }, body: { active: false } });
    expect(off.body.status).toBe("deactivated");
    expect((await call(me.GET, { token: u.token })).status).toBe(401);
    expect(
      (await call(users.GET, { token: org.admin.token, path: "/api/v1/users?status=deactivated" })).body.items.map((x: { id: string }) => x.id),
    ).toContain(u.id);
    await call(user.PATCH, { token: org.admin.token, method: "PATCH", params: { id: u.id }, body: { active: true } });
    expect((await call(me.GET, { token: u.token })).status).toBe(200);
  });

  test("a leaver's open deals are listed and given to another user in one go, each with a new version and history", async () => {
    const leaver = await createUser({ role: "rep", teamId: org.team.id });
    const a = await insertDeal(leaver.id, { name: "Alpha", amount: 5000, closeDate: "2027-03-31", stage: "qualify" });
    const b = await insertDeal(leaver.id, { name: "Bravo", amount: 7000, closeDate: "2027-03-31", stage: "qualify" });
    const won = await insertDeal(leaver.id, {
      name: "Charlie",
      amount: 9000,
      closeDate: "2026-01-31",
      stage: "closed_won",
      status: "won",
      closedAt: new Date(),
    });
    await call(user.PATCH, { token: org.admin.token, method: "PATCH", params: { id: leaver.id }, body: { active: false } });

    const listed = await call(openDeals.GET, { token: org.admin.token, params: { id: leaver.id } });
    expect(listed.body.items.map((d: { name: string }) => d.name)).toEqual(["Alpha", "Bravo"]);

    const refused = [
      await call(reassign.POST, { token: org.admin.token, params: { id: leaver.id }, body: { toUserId: org.finance.id } }),
      await call(reassign.POST, { token: org.admin.token, params: { id: leaver.id }, body: { toUserId: leaver.id } }),
      await call(reassign.POST, { token: org.admin.token, params: { id: leaver.id }, body: { toUserId: org.teammate.id, opportunityIds: [won] } }),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400]);

    const res = await call(reassign.POST, { token: org.admin.token, params: { id: leaver.id }, body: { toUserId: org.teammate.id } });
    expect(res.status).toBe(200);
    expect(res.body.reassigned.sort()).toEqual([a, b].sort());
    for (const id of [a, b]) {
      const deal = await db().opportunity.findUniqueOrThrow({ where: { id } });
      expect(deal).toMatchObject({ ownerId: org.teammate.id, version: 2 });
      const history = await db().historyEntry.findMany({ where: { opportunityId: id, type: "field_changed" } });
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ actorId: org.admin.id, details: { changes: { ownerId: { from: leaver.id, to: org.teammate.id } } } });
    }
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: won } })).ownerId).toBe(leaver.id);
    expect((await call(openDeals.GET, { token: org.admin.token, params: { id: leaver.id } })).body.items).toEqual([]);
  });

  test("a deactivated user cannot be given deals", async () => {
    const from = await createUser({ role: "rep" });
    const gone = await createUser({ role: "rep", active: false });
    await insertDeal(from.id, { name: "Delta", amount: 100, closeDate: "2027-03-31", stage: "qualify" });
    const res = await call(reassign.POST, { token: org.admin.token, params: { id: from.id }, body: { toUserId: gone.id } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0]).toMatchObject({ field: "toUserId", message: "no such active user" });
  });
});

describe("teams", () => {
  test("listed with their member counts; renamed; given a manager", async () => {
    const t = await createTeam(`Renewals ${unique()}`);
    await createUser({ role: "rep", teamId: t.id });
    await createUser({ role: "rep", teamId: t.id, active: false });
    const listed = (await call(teams.GET, { token: org.admin.token })).body.items.find((x: { id: string }) => x.id === t.id);
    expect(listed).toMatchObject({ memberCount: 1, managerId: null });
    const manager = await createUser({ role: "manager" });
    const res = await call(team.PATCH, {
      token: org.admin.token,
      method: "PATCH",
      params: { id: t.id },
      body: { name: `Renewals East ${unique()}`, managerId: manager.id },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ managerId: manager.id });
    expect(res.body.name).toMatch(/^Renewals East/);
    const cleared = await call(team.PATCH, { token: org.admin.token, method: "PATCH", params: { id: t.id }, body: { managerId: null } });
    expect(cleared.body.managerId).toBeNull();
  });

  test("refused: a manager who is not a manager, a taken name, an unknown team", async () => {
    const t = await createTeam(`Inbound ${unique()}`);
    const notManager = await call(team.PATCH, { token: org.admin.token, method: "PATCH", params: { id: t.id }, body: { managerId: org.rep.id } });
    expect(notManager.status).toBe(400);
    expect(notManager.body.error.details.fields[0].message).toContain("manager role");
    expect((await call(team.PATCH, { token: org.admin.token, method: "PATCH", params: { id: t.id }, body: { name: "Enterprise" } })).status).toBe(
      409,
    );
    expect((await call(team.PATCH, { token: org.admin.token, method: "PATCH", params: { id: "none" }, body: { name: "X" } })).status).toBe(404);
  });
});
