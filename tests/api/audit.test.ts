// The audit log (docs/rules/audit.md): each kind of admin change and sign-in writes one entry (who,
// from where, what, before and after, no secret), in the change's own transaction, so a refused
// change writes none; GET /api/v1/audit reads it, admins only, filtered, paged and as CSV.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as audit from "@/app/api/v1/audit/route";
import * as closingSettings from "@/app/api/v1/closing/settings/route";
import * as rule from "@/app/api/v1/deal-desk/rules/[id]/route";
import * as rules from "@/app/api/v1/deal-desk/rules/route";
import * as deskSettings from "@/app/api/v1/deal-desk/settings/route";
import * as embedSettings from "@/app/api/v1/embed/settings/route";
import * as retry from "@/app/api/v1/outbox/[id]/retry/route";
import * as dealMoves from "@/app/api/v1/processes/[key]/deal-moves/route";
import * as processDraft from "@/app/api/v1/processes/[key]/draft/route";
import * as oneProcess from "@/app/api/v1/processes/[key]/route";
import * as publishDraft from "@/app/api/v1/processes/[key]/draft/publish/route";
import * as processes from "@/app/api/v1/processes/route";
import * as deputy from "@/app/api/v1/teams/[id]/approval-deputy/route";
import * as dealSizes from "@/app/api/v1/teams/[id]/deal-sizes/route";
import * as targets from "@/app/api/v1/teams/[id]/targets/route";
import * as team from "@/app/api/v1/teams/[id]/route";
import * as teams from "@/app/api/v1/teams/route";
import * as invitation from "@/app/api/v1/users/[id]/invitation/route";
import * as reassign from "@/app/api/v1/users/[id]/reassign-deals/route";
import * as invitations from "@/app/api/v1/users/invitations/route";
import { setInvitedPasswordAction } from "@/app/invite/[token]/actions";
import { inviteUserAction, updateTeamAction, updateUserAction } from "@/app/admin/users/actions";
import * as tokens from "@/app/api/v1/tokens/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as users from "@/app/api/v1/users/route";
import * as webhook from "@/app/api/v1/webhooks/[id]/route";
import * as rotate from "@/app/api/v1/webhooks/[id]/rotate-secret/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import * as webhookSettings from "@/app/api/v1/webhooks/settings/route";
import { createTokenAction, revokeTokenAction } from "@/app/settings/actions";
import { signInWithPassword } from "@/app/signin/actions";
import { authOptions } from "@/src/auth/next-auth-options";
import { sessionCookieName } from "@/src/auth/session";
import { SECRET_MARKER } from "@/src/domain/audit/actions";
import { recordAudit } from "@/src/server/audit/record-audit";
import { PER_ACCOUNT_AND_CLIENT } from "@/src/server/auth/sign-in-limits";
import { database } from "@/src/server/db";
import { cookiesSet, isRedirect, setRequestHeaders, signInAs } from "../support/action-session";
import { insertDeal } from "../support/board";
import { ensureDefaults } from "../support/deals";
import { createOrg, createUser, PASSWORD } from "../support/fixtures";
import { call } from "../support/http";
import { enqueue } from "../support/outbox";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ refresh: () => undefined, revalidatePath: () => undefined }));

const ADDRESS = "203.0.113.9";
const saved = { TRUST_PROXY: process.env.TRUST_PROXY };
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  // Behind a trusted proxy, the client address is the last X-Forwarded-For hop: the tests send one.
  process.env.TRUST_PROXY = "1";
  await ensureDefaults();
  org = await createOrg();
});
afterAll(() => {
  if (saved.TRUST_PROXY === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = saved.TRUST_PROXY;
});

const fromClient = { "x-forwarded-for": `198.51.100.1, ${ADDRESS}` };
const asAdmin = (handler: Parameters<typeof call>[0], options: Parameters<typeof call>[1] = {}) =>
  call(handler, { token: org.admin.token, headers: fromClient, ...options });

/** The entries written while `fn` ran, oldest first. */
async function entriesDuring(fn: () => Promise<unknown>) {
  const before = new Set((await database().sql.selectFrom("AuditEntry").select("id").execute()).map((r) => r.id));
  await fn();
  const rows = await database().sql.selectFrom("AuditEntry").selectAll().orderBy("at").orderBy("id").execute();
  return rows.filter((r) => !before.has(r.id));
}

/** The one entry `fn` wrote. */
async function onlyEntry(fn: () => Promise<unknown>) {
  const written = await entriesDuring(fn);
  expect(written).toHaveLength(1);
  return written[0]!;
}

const byAdmin = () => ({ actorId: org.admin.id, actorEmail: org.admin.email, clientAddress: ADDRESS });

describe("each admin change writes one entry, with who, from where and what changed", () => {
  test("users: created (the password only as a marker), deactivated and reactivated", async () => {
    let id = "";
    const created = await onlyEntry(async () => {
      const res = await asAdmin(users.POST, {
        body: { email: "new.rep@example.test", name: "New Rep", password: "a long enough passphrase", role: "rep" },
      });
      expect(res.status).toBe(201);
      id = res.body.id;
    });
    expect(created).toMatchObject({ ...byAdmin(), action: "user.created", objectType: "user", objectId: id, before: null });
    expect(created.after).toEqual({
      id,
      email: "new.rep@example.test",
      name: "New Rep",
      role: "rep",
      teamId: null,
      groups: [],
      active: true,
      password: SECRET_MARKER,
    });

    const off = await onlyEntry(() => asAdmin(user.PATCH, { method: "PATCH", params: { id }, body: { active: false } }));
    expect(off).toMatchObject({ ...byAdmin(), action: "user.deactivated", objectId: id, before: { active: true }, after: { active: false } });
    const on = await onlyEntry(() => asAdmin(user.PATCH, { method: "PATCH", params: { id }, body: { active: true } }));
    expect(on).toMatchObject({ action: "user.reactivated", before: { active: false }, after: { active: true } });
    // Setting what already is changes nothing, and records nothing.
    expect(await entriesDuring(() => asAdmin(user.PATCH, { method: "PATCH", params: { id }, body: { active: true } }))).toEqual([]);
  });

  test("a refused or failed change writes no entry: another role, a taken e-mail", async () => {
    const body = { email: "someone@example.test", name: "Someone", password: "a long enough passphrase", role: "rep" };
    expect(
      await entriesDuring(async () => {
        for (const who of [org.rep, org.manager, org.finance]) expect((await call(users.POST, { token: who.token, body })).status).toBe(403);
        expect((await asAdmin(users.POST, { body: { ...body, email: org.rep.email } })).status).toBe(409);
      }),
    ).toEqual([]);
  });

  test("people: invited, invitation resent and accepted, role and team changed, deals reassigned, a team renamed", async () => {
    let id = "";
    const invited = await onlyEntry(async () => {
      const res = await asAdmin(invitations.POST, { body: { email: "invitee@example.test", name: "Ivy Invitee", role: "rep", teamId: org.team.id } });
      expect(res.status).toBe(201);
      id = res.body.user.id;
    });
    expect(invited).toMatchObject({ ...byAdmin(), action: "user.invited", objectType: "user", objectId: id, before: null });
    expect(invited.after).toMatchObject({ email: "invitee@example.test", role: "rep", teamId: org.team.id, groups: [], active: true });
    expect(JSON.stringify(invited.after)).not.toMatch(/\/invite\//);

    const resent = await onlyEntry(() => asAdmin(invitation.POST, { params: { id } }));
    expect(resent).toMatchObject({ ...byAdmin(), action: "user.invitation_resent", objectId: id });
    // The e-mail of the invitation that is open now (the resent one), by its key.
    const open = await database()
      .sql.selectFrom("UserInvitation")
      .select("id")
      .where("userId", "=", id)
      .where("revokedAt", "is", null)
      .executeTakeFirstOrThrow();
    const mail = await database()
      .sql.selectFrom("OutboxMessage")
      .select("payload")
      .where("idempotencyKey", "=", `invitation:${open.id}:email`)
      .executeTakeFirstOrThrow();
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(JSON.stringify(mail.payload))?.[1] ?? "";
    // The invited user, through the page's form: the entry is theirs, from their address, the password a marker.
    setRequestHeaders(fromClient);
    const accepted = await onlyEntry(async () => {
      const form = new FormData();
      form.set("token", token);
      form.set("password", "violet harbour lantern 42 quietly");
      form.set("confirmPassword", "violet harbour lantern 42 quietly");
      await setInvitedPasswordAction({ status: "idle" }, form).then(
        () => expect.unreachable("the form redirects once the password is set"),
        (e) => expect(isRedirect(e)).toBe(true),
      );
    });
    expect(accepted).toMatchObject({ actorId: id, actorEmail: "invitee@example.test", action: "user.invitation_accepted", clientAddress: ADDRESS });
    expect(accepted.after).toMatchObject({ password: SECRET_MARKER });
    expect(cookiesSet.get(sessionCookieName())).toBeTruthy(); // and signed in

    const changed = await onlyEntry(() => asAdmin(user.PATCH, { method: "PATCH", params: { id }, body: { teamId: org.otherTeam.id } }));
    expect(changed).toMatchObject({
      ...byAdmin(),
      action: "user.changed",
      before: { teamId: org.team.id },
      after: { teamId: org.otherTeam.id, role: "rep" },
    });
    expect(await entriesDuring(() => asAdmin(user.PATCH, { method: "PATCH", params: { id }, body: { teamId: org.otherTeam.id } }))).toEqual([]);

    const deal = await insertDeal(id, { name: "Handed over", amount: 1000, closeDate: "2027-03-31", stage: "qualify" });
    const handed = await onlyEntry(() => asAdmin(reassign.POST, { params: { id }, body: { toUserId: org.rep.id } }));
    expect(handed).toMatchObject({
      ...byAdmin(),
      action: "user.deals_reassigned",
      objectId: id,
      after: { ownerId: org.rep.id, opportunityIds: [deal] },
    });
    expect(await entriesDuring(() => asAdmin(reassign.POST, { params: { id }, body: { toUserId: org.rep.id } }))).toEqual([]);

    const t = await asAdmin(teams.POST, { body: { name: "Channel" } });
    const renamed = await onlyEntry(() =>
      asAdmin(team.PATCH, { method: "PATCH", params: { id: t.body.id }, body: { name: "Partners", managerId: org.manager.id } }),
    );
    expect(renamed).toMatchObject({
      ...byAdmin(),
      action: "team.updated",
      objectId: t.body.id,
      before: { name: "Channel", managerId: null },
      after: { name: "Partners", managerId: org.manager.id },
    });
  });

  test("people's pages write the same entries as the API, and a refusal writes none", async () => {
    await signInAs(org.admin);
    setRequestHeaders(fromClient);
    let id = "";
    const invited = await onlyEntry(async () => {
      const result = await inviteUserAction({
        email: "page.invitee@example.test",
        name: "Page Invitee",
        role: "deal_desk",
        teamId: null,
        groups: ["legal"],
      });
      expect(result.ok).toBe(true);
      if (result.ok) id = result.data.id;
    });
    expect(invited).toMatchObject({ ...byAdmin(), action: "user.invited", after: { groups: ["legal"] } });
    const changed = await onlyEntry(() => updateUserAction({ id, changes: { role: "rep", teamId: null, groups: [] } }));
    expect(changed).toMatchObject({ action: "user.changed", before: { role: "deal_desk", groups: ["legal"] }, after: { role: "rep", groups: [] } });
    const off = await onlyEntry(() => updateUserAction({ id, changes: { active: false } }));
    expect(off).toMatchObject({ ...byAdmin(), action: "user.deactivated" });
    expect(await entriesDuring(() => updateTeamAction({ id: org.team.id, changes: { managerId: org.rep.id } }))).toEqual([]);
    await signInAs(org.rep);
    expect(
      await entriesDuring(async () =>
        expect(await inviteUserAction({ email: "x@example.test", name: "X", role: "rep" })).toMatchObject({ ok: false }),
      ),
    ).toEqual([]);
  });

  test("teams: created, their approval deputy, targets and deal sizes", async () => {
    let id = "";
    const created = await onlyEntry(async () => {
      const res = await asAdmin(teams.POST, { body: { name: "Public Sector", target: 250000 } });
      id = res.body.id;
    });
    expect(created).toMatchObject({ ...byAdmin(), action: "team.created", objectType: "team", objectId: id, before: null });
    expect(created.after).toEqual({ id, name: "Public Sector", managerId: null, target: 250000 });

    const named = await onlyEntry(() => asAdmin(deputy.PUT, { method: "PUT", params: { id }, body: { userId: org.manager.id } }));
    expect(named).toMatchObject({
      action: "team.deputy_changed",
      objectId: id,
      before: { approvalDeputyId: null },
      after: { approvalDeputyId: org.manager.id },
    });

    const target = { from: "2026-10-01", to: "2026-12-31", currency: "USD" };
    const set = await onlyEntry(() => asAdmin(targets.PUT, { method: "PUT", params: { id }, body: { ...target, amount: 120000 } }));
    expect(set).toMatchObject({ ...byAdmin(), action: "team.target_set", objectId: id, before: null, after: { ...target, amount: 120000 } });
    const raised = await onlyEntry(() => asAdmin(targets.PUT, { method: "PUT", params: { id }, body: { ...target, amount: 150000 } }));
    expect(raised).toMatchObject({ action: "team.target_set", before: { amount: 120000 }, after: { amount: 150000 } });
    const removed = await onlyEntry(() => asAdmin(targets.PUT, { method: "PUT", params: { id }, body: { ...target, amount: null } }));
    expect(removed).toMatchObject({ action: "team.target_removed", before: { amount: 150000 }, after: null });

    const sizes = await onlyEntry(() => asAdmin(dealSizes.PUT, { method: "PUT", params: { id }, body: { rockFrom: 100000, stoneFrom: 20000 } }));
    expect(sizes).toMatchObject({
      action: "team.deal_sizes_set",
      before: { rockFrom: null, stoneFrom: null },
      after: { rockFrom: 100000, stoneFrom: 20000 },
    });
  });

  test("a manager setting their own team's target is recorded as them", async () => {
    const target = { from: "2027-01-01", to: "2027-03-31", currency: "USD", amount: 90000 };
    const entry = await onlyEntry(() => call(targets.PUT, { token: org.manager.token, method: "PUT", params: { id: org.team.id }, body: target }));
    expect(entry).toMatchObject({ actorId: org.manager.id, actorEmail: org.manager.email, action: "team.target_set", objectId: org.team.id });
  });

  test("processes: a published version, with the one before it", async () => {
    const first = await onlyEntry(() => asAdmin(processes.POST, { body: { template: "six_steps", note: "first" } }));
    expect(first).toMatchObject({ ...byAdmin(), action: "process.published", objectType: "process", before: null });
    expect(first.after).toMatchObject({
      key: expect.any(String),
      version: 1,
      note: "first",
      stages: expect.arrayContaining([expect.stringMatching(/\(won, 100%\)/)]),
    });
    const second = await onlyEntry(() => asAdmin(processes.POST, { body: { template: "six_steps", note: "second" } }));
    expect(second).toMatchObject({ objectId: first.objectId, before: { version: 1, note: "first" }, after: { version: 2, note: "second" } });
  });

  test("processes: tied to an opportunity type, untied, made the default; a refused or idle change writes nothing", async () => {
    const params = { key: "six_steps" };
    const patch = (body: unknown, token = org.admin.token) => call(oneProcess.PATCH, { token, headers: fromClient, method: "PATCH", params, body });
    const tied = await onlyEntry(() => patch({ opportunityType: "expansion" }));
    expect(tied).toMatchObject({
      ...byAdmin(),
      action: "process.updated",
      objectType: "process",
      before: { key: "six_steps", isDefault: false, opportunityType: null },
      after: { key: "six_steps", isDefault: false, opportunityType: "expansion" },
    });
    expect(
      await entriesDuring(async () => {
        expect((await patch({ opportunityType: "expansion" })).status).toBe(200);
        expect((await patch({ opportunityType: null }, org.rep.token)).status).toBe(403);
      }),
    ).toEqual([]);
    const both = await onlyEntry(() => patch({ isDefault: true, opportunityType: null }));
    expect(both).toMatchObject({
      objectId: tied.objectId,
      before: { isDefault: false, opportunityType: "expansion" },
      after: { isDefault: true, opportunityType: null },
    });
    // The default back where the other tests expect it: one entry, about Standard B2B.
    const back = await onlyEntry(() =>
      call(oneProcess.PATCH, { token: org.admin.token, method: "PATCH", params: { key: "standard_b2b" }, body: { isDefault: true } }),
    );
    expect(back).toMatchObject({ before: { key: "standard_b2b", isDefault: false }, after: { key: "standard_b2b", isDefault: true } });
  });

  test("process drafts: started, saved, published and discarded; a refused or unchanged save writes nothing", async () => {
    const params = { key: "customer_lifecycle" };
    let draft: any;
    const created = await onlyEntry(async () => {
      draft = (await asAdmin(processDraft.POST, { params, body: { template: "customer_lifecycle" } })).body;
    });
    expect(created).toMatchObject({ ...byAdmin(), action: "process.draft_created", objectType: "process", objectId: null, before: null });
    expect(created.after).toMatchObject({ key: "customer_lifecycle", version: 1, template: "customer_lifecycle", basedOnVersion: null });

    const definition = structuredClone(draft.definition);
    definition.stages[0].questions = [{ key: "compelling_event", label: "The compelling event", answer: "text" }];
    const saved = await onlyEntry(() => asAdmin(processDraft.PUT, { method: "PUT", params, body: { version: 1, definition } }));
    expect(saved).toMatchObject({ action: "process.draft_saved", before: { version: 1 }, after: { version: 2 } });
    expect((saved.after as { stages: string[] }).stages[0]).toContain("questions: compelling_event");
    expect(
      await entriesDuring(async () => {
        expect((await asAdmin(processDraft.PUT, { method: "PUT", params, body: { version: 2, definition } })).status).toBe(200);
        expect((await asAdmin(processDraft.PUT, { method: "PUT", params, body: { version: 1, definition: draft.definition } })).status).toBe(409);
        expect((await call(processDraft.DELETE, { token: org.rep.token, method: "DELETE", params })).status).toBe(403);
      }),
    ).toEqual([]);

    const published = await onlyEntry(() => asAdmin(publishDraft.POST, { params, body: { version: 2, note: "from the draft" } }));
    expect(published).toMatchObject({
      ...byAdmin(),
      action: "process.published",
      before: null,
      after: { key: "customer_lifecycle", version: 1, note: "from the draft", fromDraft: 2 },
    });

    await asAdmin(processDraft.POST, { params, body: {} });
    const discarded = await onlyEntry(() => asAdmin(processDraft.DELETE, { method: "DELETE", params }));
    expect(discarded).toMatchObject({ action: "process.draft_discarded", objectId: published.objectId, before: { basedOnVersion: 1 }, after: null });
  });

  test("open deals moved onto a process's latest version: one entry per batch, none when nothing moves", async () => {
    const deal = await insertDeal(org.rep.id, { name: "Moving", amount: 100, closeDate: "2027-06-30", stage: "identify" });
    const from = (await database().sql.selectFrom("Opportunity").select("processVersionId").where("id", "=", deal).executeTakeFirstOrThrow())
      .processVersionId;
    await asAdmin(processes.POST, { body: { template: "standard_b2b", makeDefault: true } });
    const params = { key: "standard_b2b" };
    const moved = await onlyEntry(() => asAdmin(dealMoves.POST, { params, body: { dealIds: [deal] } }));
    expect(moved).toMatchObject({
      ...byAdmin(),
      action: "process.deals_moved",
      objectType: "process",
      after: { key: "standard_b2b", deals: [deal] },
    });
    expect(moved.before).toEqual({ key: "standard_b2b", deals: [{ id: deal, version: expect.any(Number), stage: "identify" }] });
    expect(from).not.toBe(
      (await database().sql.selectFrom("Opportunity").select("processVersionId").where("id", "=", deal).executeTakeFirstOrThrow()).processVersionId,
    );
    expect(await entriesDuring(() => asAdmin(dealMoves.POST, { params, body: { dealIds: [deal] } }))).toEqual([]);
  });

  test("deal desk rules and settings", async () => {
    let id = "";
    const condition = { term: "discount_percent", op: "gt", value: 15 };
    const created = await onlyEntry(async () => {
      const res = await asAdmin(rules.POST, { body: { key: "audit_rule", label: "Big discount", condition, groups: ["finance"] } });
      id = res.body.id;
    });
    expect(created).toMatchObject({ ...byAdmin(), action: "rule.created", objectType: "rule", objectId: id, before: null });
    expect(created.after).toMatchObject({ key: "audit_rule", label: "Big discount", groups: ["finance"], active: true, version: 1 });
    const changed = await onlyEntry(() =>
      asAdmin(rule.PATCH, { method: "PATCH", params: { id }, body: { version: 1, label: "Bigger discount", active: false } }),
    );
    expect(changed).toMatchObject({
      action: "rule.updated",
      before: { label: "Big discount", active: true, version: 1 },
      after: { label: "Bigger discount", active: false, version: 2 },
    });
    const settings = await onlyEntry(() => asAdmin(deskSettings.PUT, { method: "PUT", body: { turnaroundHours: 12 } }));
    expect(settings).toMatchObject({
      action: "deal_desk_settings.changed",
      objectType: "setting",
      objectId: "deal-desk",
      before: { turnaroundHours: expect.any(Number) },
      after: { turnaroundHours: 12 },
    });
  });

  test("the closing's settings, the embed origins and the webhook settings", async () => {
    const closing = await onlyEntry(() => asAdmin(closingSettings.PUT, { method: "PUT", body: { missedConnectionsCadence: [5, 10, 20] } }));
    expect(closing).toMatchObject({ ...byAdmin(), action: "closing_settings.changed", objectType: "setting", objectId: "closing" });
    expect(closing.after).toMatchObject({ missedConnectionsCadence: [5, 10, 20] });
    expect((closing.before as { missedConnectionsCadence: number[] }).missedConnectionsCadence).not.toEqual([5, 10, 20]);

    const embed = await onlyEntry(() => asAdmin(embedSettings.PUT, { method: "PUT", body: { origins: ["https://app.hubspot.com"] } }));
    expect(embed).toMatchObject({ action: "embed_settings.changed", after: { origins: ["https://app.hubspot.com"] } });

    const hooks = await onlyEntry(() => asAdmin(webhookSettings.PUT, { method: "PUT", body: { allowPrivateAddresses: true } }));
    expect(hooks).toMatchObject({
      action: "webhook_settings.changed",
      before: { allowPrivateAddresses: false },
      after: { allowPrivateAddresses: true },
    });
  });

  test("webhooks: registered, changed, secret rotated and deleted, never with a secret", async () => {
    let id = "";
    const secrets: string[] = [];
    const created = await onlyEntry(async () => {
      const res = await asAdmin(webhooks.POST, { body: { url: "https://93.184.215.14/hook", events: ["approval.stale"] } });
      id = res.body.id;
      secrets.push(res.body.secret);
    });
    expect(created).toMatchObject({ ...byAdmin(), action: "webhook.created", objectType: "webhook", objectId: id, before: null });
    expect(created.after).toEqual({
      url: "https://93.184.215.14/hook",
      events: ["approval.stale"],
      description: "",
      active: true,
      disabledReason: null,
      secret: SECRET_MARKER,
    });
    const changed = await onlyEntry(() => asAdmin(webhook.PATCH, { method: "PATCH", params: { id }, body: { description: "CRM" } }));
    expect(changed).toMatchObject({ action: "webhook.updated", before: { description: "" }, after: { description: "CRM" } });
    const rotated = await onlyEntry(async () => {
      const res = await asAdmin(rotate.POST, { params: { id } });
      secrets.push(res.body.secret);
    });
    expect(rotated).toMatchObject({ action: "webhook.secret_rotated", after: { secret: SECRET_MARKER } });
    const deleted = await onlyEntry(() => asAdmin(webhook.DELETE, { method: "DELETE", params: { id } }));
    expect(deleted).toMatchObject({ action: "webhook.deleted", before: { url: "https://93.184.215.14/hook", description: "CRM" }, after: null });

    const everything = JSON.stringify(await database().sql.selectFrom("AuditEntry").selectAll().execute());
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  test("an outbox message retried", async () => {
    await enqueue({ channel: "webhook", payload: { url: "https://93.184.215.14/x", type: "t", data: {} }, idempotencyKey: "audit:retry" });
    await database()
      .sql.updateTable("OutboxMessage")
      .set({ status: "failed", attempts: 9, lastError: "HTTP 500" })
      .where("idempotencyKey", "=", "audit:retry")
      .execute();
    const { id } = await database()
      .sql.selectFrom("OutboxMessage")
      .select("id")
      .where("idempotencyKey", "=", "audit:retry")
      .executeTakeFirstOrThrow();
    const entry = await onlyEntry(() => asAdmin(retry.POST, { params: { id } }));
    expect(entry).toMatchObject({
      ...byAdmin(),
      action: "outbox.retried",
      objectType: "outbox_message",
      objectId: id,
      before: { status: "failed", attempts: 9 },
      after: { status: "pending", attempts: 0 },
    });
  });

  test("API tokens: made with a password and on the settings page, revoked there, the token only as a marker", async () => {
    const viaApi = await entriesDuring(() =>
      call(tokens.POST, { headers: fromClient, body: { email: org.rep.email, password: PASSWORD, name: "CI" } }),
    );
    // One moment for both: the sign-in and the token it made.
    expect(viaApi.map((e) => e.action).sort()).toEqual(["signin.succeeded", "token.created"]);
    expect(viaApi.find((e) => e.action === "token.created")).toMatchObject({
      actorId: org.rep.id,
      clientAddress: ADDRESS,
      objectType: "token",
      after: { name: "CI", via: "token API", token: SECRET_MARKER },
    });

    await signInAs(org.rep);
    setRequestHeaders(fromClient);
    const form = new FormData();
    form.set("name", "Laptop");
    form.set("expiresIn", "30");
    let shown = "";
    const made = await onlyEntry(async () => {
      const state = await createTokenAction({ status: "idle" }, form);
      expect(state.status).toBe("created");
      shown = state.status === "created" ? state.token : "";
    });
    expect(made).toMatchObject({
      actorId: org.rep.id,
      clientAddress: ADDRESS,
      action: "token.created",
      after: { name: "Laptop", via: "settings", token: SECRET_MARKER },
    });
    expect(JSON.stringify(made)).not.toContain(shown);

    const revoke = new FormData();
    revoke.set("tokenId", made.objectId!);
    const revoked = await onlyEntry(() => revokeTokenAction({ error: null }, revoke));
    expect(revoked).toMatchObject({
      actorId: org.rep.id,
      clientAddress: ADDRESS,
      action: "token.revoked",
      objectId: made.objectId,
      before: { name: "Laptop", revokedAt: null },
      after: { name: "Laptop", revokedAt: expect.any(String) },
    });
    // Revoking again changes nothing and records nothing.
    expect(await entriesDuring(() => revokeTokenAction({ error: null }, revoke))).toEqual([]);
  });
});

describe("sign-ins, with the password and with single sign-on", () => {
  const authorize = (email: string, password: string) => {
    const credentials = authOptions().providers.find((p) => p.id === "credentials") as any;
    return credentials.options.authorize({ email, password }, { headers: fromClient }).catch((e: Error) => e.message);
  };

  test("a success, a wrong password, an unknown address and a locked-out client", async () => {
    const who = await createUser({ role: "rep", email: "signer@example.test" });
    const ok = await onlyEntry(() => authorize("Signer@example.test", PASSWORD));
    expect(ok).toMatchObject({
      actorId: who.id,
      actorEmail: who.email,
      action: "signin.succeeded",
      objectType: "user",
      objectId: who.id,
      clientAddress: ADDRESS,
    });
    expect(ok.after).toEqual({ method: "password", via: "sign-in page" });

    const wrong = await onlyEntry(() => authorize(who.email, "not the password"));
    expect(wrong).toMatchObject({
      actorId: who.id,
      action: "signin.failed",
      clientAddress: ADDRESS,
      after: { method: "password", reason: "wrong_password" },
    });
    expect(JSON.stringify(wrong)).not.toContain("not the password");

    const stranger = await onlyEntry(() => authorize("nobody@example.test", "whatever it is"));
    expect(stranger).toMatchObject({
      actorId: null,
      actorEmail: "nobody@example.test",
      objectId: null,
      action: "signin.failed",
      after: { reason: "unknown_email" },
    });

    for (let i = 1; i < PER_ACCOUNT_AND_CLIENT.limit; i++) await authorize(who.email, "not the password");
    const locked = await onlyEntry(() => authorize(who.email, PASSWORD));
    expect(locked).toMatchObject({ actorId: who.id, action: "signin.failed", after: { reason: "rate_limited" } });
  });

  test("the sign-in form posted before its JavaScript has run records the same, from the request's address", async () => {
    const who = await createUser({ role: "rep", email: "nojs@example.test" });
    setRequestHeaders(fromClient);
    const post = async (password: string) => {
      const form = new FormData();
      form.set("email", who.email);
      form.set("password", password);
      await signInWithPassword(form).catch((e) => {
        if (!isRedirect(e)) throw e;
      });
    };
    const written = await entriesDuring(async () => {
      await post("not the password");
      await post(PASSWORD);
    });
    expect(written.map((e) => [e.action, e.actorId, e.clientAddress, (e.after as { via: string }).via])).toEqual([
      ["signin.failed", who.id, ADDRESS, "sign-in page"],
      ["signin.succeeded", who.id, ADDRESS, "sign-in page"],
    ]);
  });

  test("single sign-on: a success and each refusal", async () => {
    Object.assign(process.env, { OIDC_ISSUER: "https://idp.example.test/", OIDC_CLIENT_ID: "stageline", OIDC_CLIENT_SECRET: "s3cret" });
    try {
      const who = await createUser({ role: "manager", email: "sso@example.test" });
      const account = { provider: "oidc", type: "oauth", providerAccountId: "x" } as any;
      const signIn = (email: string | null, verified: unknown = true) =>
        Promise.resolve()
          .then(() =>
            authOptions().callbacks!.signIn!({
              user: { id: "sub", email },
              account,
              profile: { sub: "sub", email: email ?? undefined, email_verified: verified },
            } as any),
          )
          .catch(() => false);
      const written = await entriesDuring(async () => {
        await signIn("sso@example.test");
        await signIn("stranger@example.test");
        await signIn("sso@example.test", false);
        await signIn(null);
      });
      // Entries written within one millisecond have no order between them (ids are random): compared as a set.
      const byReason = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[3]).localeCompare(String(b[3])));
      expect(byReason(written.map((e) => [e.action, e.actorId, e.actorEmail, (e.after as { reason?: string }).reason ?? null]))).toEqual(
        byReason([
          ["signin.succeeded", who.id, "sso@example.test", null],
          ["signin.failed", null, "stranger@example.test", "no_active_user"],
          ["signin.failed", null, "sso@example.test", "SsoEmailUnverified"],
          ["signin.failed", null, "", "SsoNoEmail"],
        ]),
      );
      expect(written.every((e) => (e.after as { method: string }).method === "sso")).toBe(true);
    } finally {
      for (const k of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]) delete process.env[k];
    }
  });
});

describe("GET /api/v1/audit", () => {
  test("is the admin's alone: 401 without credentials, 403 for every other role", async () => {
    expect((await call(audit.GET, { path: "/api/v1/audit" })).status).toBe(401);
    for (const who of [org.rep, org.manager, org.finance]) {
      const res = await call(audit.GET, { token: who.token, path: "/api/v1/audit" });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
      const csv = await call(audit.GET, { token: who.token, path: "/api/v1/audit", headers: { accept: "text/csv" } });
      expect(csv.status).toBe(403);
    }
    expect((await call(audit.GET, { token: org.admin.token, path: "/api/v1/audit" })).status).toBe(200);
  });

  describe("lists, filters and exports", () => {
    const at = (iso: string) => new Date(iso);
    beforeAll(async () => {
      const sql = database().sql;
      const write = (email: string, action: "team.created" | "user.created" | "signin.failed", when: string, after: Record<string, unknown>) =>
        recordAudit(sql, {
          actor: { id: null, email },
          action,
          object: { type: action === "team.created" ? "team" : "user", id: null },
          after,
          at: at(when),
        });
      await write("lister@old.test", "team.created", "2020-01-10T10:00:00Z", { name: "Oldest" });
      await write("lister@old.test", "user.created", "2020-01-11T10:00:00Z", { name: "Middle" });
      await write("=HYPERLINK(1)@old.test", "signin.failed", "2020-01-12T23:59:59Z", { reason: "unknown_email" });
    });
    const list = (qs: string, headers?: Record<string, string>) => call(audit.GET, { token: org.admin.token, path: `/api/v1/audit?${qs}`, headers });

    test("newest first, a page at a time", async () => {
      const first = await list("from=2020-01-01&to=2020-01-31&limit=2");
      expect(first.status).toBe(200);
      expect(first.body.items.map((e: { action: string }) => e.action)).toEqual(["signin.failed", "user.created"]);
      expect(first.body.items[1]).toMatchObject({ actorEmail: "lister@old.test", objectType: "user", after: { name: "Middle" }, before: null });
      const second = await list(`from=2020-01-01&to=2020-01-31&limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body).toMatchObject({ items: [{ action: "team.created" }], nextCursor: null });
    });

    test("by who (part of the e-mail, any case), action, kind of object and days (both included)", async () => {
      const actions = async (qs: string) => (await list(qs)).body.items.map((e: { action: string }) => e.action);
      expect(await actions("actor=LISTER@OLD")).toEqual(["user.created", "team.created"]);
      expect(await actions("action=team.created&from=2020-01-01&to=2020-12-31")).toEqual(["team.created"]);
      expect(await actions("objectType=user&from=2020-01-01&to=2020-12-31")).toEqual(["signin.failed", "user.created"]);
      expect(await actions("from=2020-01-11&to=2020-01-12")).toEqual(["signin.failed", "user.created"]);
      expect(await actions("actor=%25")).toEqual([]); // a % typed is a %, not "anything"
      const admins = (await list(`actorId=${org.admin.id}`)).body.items as { actorId: string }[];
      expect(admins.length).toBeGreaterThan(0); // the changes made above
      expect(admins.every((e) => e.actorId === org.admin.id)).toBe(true);
    });

    test("refuses filters it does not know, an unknown action and days the wrong way round", async () => {
      for (const qs of ["action=user.renamed", "objectType=planet", "from=2020-02-30", "from=2020-02-01&to=2020-01-01", "cursor=nonsense"]) {
        const res = await list(qs);
        expect(res.status, qs).toBe(400);
        expect(res.body.error.code).toBe("VALIDATION_FAILED");
      }
    });

    test("Accept: text/csv answers every matching entry, with what changed, and a formula is text", async () => {
      const res = await list("from=2020-01-01&to=2020-01-31&limit=1", { accept: "text/csv" });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(res.headers.get("content-disposition")).toMatch(/stageline-audit-\d{4}-\d{2}-\d{2}\.csv/);
      const parsed = Papa.parse<Record<string, string>>(res.body as string, { header: true });
      expect(parsed.meta.fields).toEqual([
        "at",
        "actorEmail",
        "actorId",
        "action",
        "objectType",
        "objectId",
        "clientAddress",
        "changes",
        "before",
        "after",
      ]);
      // Every page, not only the first.
      expect(parsed.data.map((r) => r.action)).toEqual(["signin.failed", "user.created", "team.created"]);
      expect(parsed.data[0]!.actorEmail).toBe("'=HYPERLINK(1)@old.test");
      expect(parsed.data[1]).toMatchObject({ changes: "name: (none) → Middle", before: "", after: '{"name":"Middle"}' });
    });
  });
});
