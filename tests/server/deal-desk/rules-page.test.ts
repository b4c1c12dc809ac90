// The deal desk rules page: what it shows an admin, and its forms' actions, which answer as the API
// does (field problems by name, 409 with the current rule) and refuse everyone but admins.
import { beforeAll, describe, expect, test, vi } from "vitest";
import { createRuleAction, saveTurnaroundAction, setDeputyAction, updateRuleAction } from "@/app/deal-desk/rules/actions";
import { db } from "@/src/server/db";
import { getDealDeskRulesPage } from "@/src/server/deal-desk/rules-page";
import { signInAs, signOut } from "../../support/action-session";
import { actorOf } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg, createUser } from "../../support/fixtures";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ refresh: () => undefined }));

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const rule = (key: string) => db().dealDeskRule.findUniqueOrThrow({ where: { key } });

describe("the page's model", () => {
  test("every rule with its versions, the turnaround, and each team's manager, deputy and eligible managers", async () => {
    const otherManager = await createUser({ role: "manager", teamId: org.otherTeam.id, name: "Olu Other" });
    await createUser({ role: "manager", name: "Gone Manager", active: false });
    await db().team.update({ where: { id: org.team.id }, data: { approvalDeputyId: otherManager.id } });
    const page = await getDealDeskRulesPage(await actorOf(org.admin));
    expect(page.rules.map((r) => [r.key, r.versions.map((v) => v.version)])).toEqual([
      ["discount_over_15", [1]],
      ["discount_over_30", [1]],
      ["payment_terms", [1]],
      ["legal_terms", [1]],
      ["term_length", [1]],
      ["large_deal", [1]],
    ]);
    expect(page.turnaroundHours).toBe(24);
    const team = page.teams.find((t) => t.id === org.team.id)!;
    expect(team.manager?.id).toBe(org.manager.id);
    expect(team.deputy).toEqual({ id: otherManager.id, name: "Olu Other", eligible: true });
    // Its own manager is not offered, nor an inactive one, nor anyone without the manager role.
    expect(team.candidates.map((c) => c.id)).toEqual([otherManager.id]);
    const other = page.teams.find((t) => t.id === org.otherTeam.id)!;
    expect(other.candidates.map((c) => c.id).sort()).toEqual([org.manager.id, otherManager.id].sort());
  });

  test("a deputy who is no longer an active manager is shown as such", async () => {
    const leaving = await createUser({ role: "manager", name: "Lee Leaving" });
    await db().team.update({ where: { id: org.otherTeam.id }, data: { approvalDeputyId: leaving.id } });
    await db().user.update({ where: { id: leaving.id }, data: { active: false } });
    const page = await getDealDeskRulesPage(await actorOf(org.admin));
    expect(page.teams.find((t) => t.id === org.otherTeam.id)?.deputy).toEqual({ id: leaving.id, name: "Lee Leaving", eligible: false });
  });

  test("only for admins", async () => {
    for (const who of [org.rep, org.manager, org.finance])
      await expect(getDealDeskRulesPage(await actorOf(who))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the page's forms", () => {
  test("an admin adds a rule, edits its threshold and switches it off, each a version", async () => {
    await signInAs(org.admin);
    const created = await createRuleAction({
      key: "discount_over_45",
      label: "Discount above 45%",
      condition: { term: "discount_percent", op: "gt", value: 45 },
      groups: ["finance", "sales_ops"],
    });
    expect(created.ok).toBe(true);
    const id = (await rule("discount_over_45")).id;
    expect(await updateRuleAction({ id, version: 1, condition: { term: "discount_percent", op: "gt", value: 50 } })).toEqual({
      ok: true,
      data: { version: 2 },
    });
    expect(await updateRuleAction({ id, version: 2, active: false })).toEqual({ ok: true, data: { version: 3 } });
    expect(await rule("discount_over_45")).toMatchObject({ version: 3, active: false, condition: { term: "discount_percent", op: "gt", value: 50 } });
    expect(await db().dealDeskRuleVersion.count({ where: { ruleId: id } })).toBe(3);
  });

  test("a threshold left blank, a threshold out of range and no groups are named, and nothing is saved", async () => {
    await signInAs(org.admin);
    const { id, version } = await rule("payment_terms");
    const result = await updateRuleAction({ id, version, condition: { term: "payment_terms_days", op: "gt", value: null }, groups: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("VALIDATION_FAILED");
    expect((result.error.details as { fields: { field: string }[] }).fields.map((f) => f.field).sort()).toEqual(["condition.value", "groups"]);
    const range = await updateRuleAction({ id, version, condition: { term: "term_months", op: "outside", min: 24, max: 12 } });
    expect(range.ok ? [] : (range.error.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(["condition.max"]);
    expect((await rule("payment_terms")).version).toBe(version);
  });

  test("a stale version answers VERSION_CONFLICT with the rule as it now is", async () => {
    await signInAs(org.admin);
    const { id, version } = await rule("term_length");
    expect((await updateRuleAction({ id, version, label: "Term outside 1–3 years" })).ok).toBe(true);
    const stale = await updateRuleAction({ id, version, active: false });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: "VERSION_CONFLICT", details: { currentVersion: version + 1, current: { label: "Term outside 1–3 years" } } },
    });
  });

  test("a duplicate key is CONFLICT naming the key", async () => {
    await signInAs(org.admin);
    const result = await createRuleAction({
      key: "large_deal",
      label: "Again",
      condition: { term: "amount", op: "gte", value: 1 },
      groups: ["finance"],
    });
    expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT", details: { field: "key" } } });
  });

  test("the turnaround and a deputy are saved; bad values are named", async () => {
    await signInAs(org.admin);
    expect(await saveTurnaroundAction({ turnaroundHours: 36 })).toEqual({ ok: true, data: { turnaroundHours: 36 } });
    const bad = await saveTurnaroundAction({ turnaroundHours: 0 });
    expect(bad.ok ? [] : (bad.error.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(["turnaroundHours"]);
    const deputy = await createUser({ role: "manager" });
    expect(await setDeputyAction({ teamId: org.team.id, userId: deputy.id })).toEqual({ ok: true, data: { approvalDeputyId: deputy.id } });
    const notManager = await setDeputyAction({ teamId: org.team.id, userId: org.rep.id });
    expect(notManager).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", details: { fields: [{ field: "userId" }] } } });
    expect(await setDeputyAction({ teamId: org.team.id, userId: null })).toEqual({ ok: true, data: { approvalDeputyId: null } });
  });

  test.each([
    ["a rep", () => org.rep],
    ["a manager", () => org.manager],
    ["the deal desk", () => org.finance],
  ])("%s is refused by every form, and nothing changes", async (_, who) => {
    await signInAs(who());
    const { id, version } = await rule("large_deal");
    const results = [
      await createRuleAction({ key: "sneaky", label: "Sneaky", condition: { term: "amount", op: "gte", value: 1 }, groups: ["finance"] }),
      await updateRuleAction({ id, version, active: false }),
      await saveTurnaroundAction({ turnaroundHours: 1 }),
      await setDeputyAction({ teamId: org.team.id, userId: null }),
    ];
    expect(results.map((r) => (r.ok ? "ok" : r.error.code))).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
    expect((await rule("large_deal")).version).toBe(version);
    expect(await db().dealDeskRule.findUnique({ where: { key: "sneaky" } })).toBeNull();
  });

  test("signed out, the forms answer UNAUTHENTICATED", async () => {
    signOut();
    const result = await saveTurnaroundAction({ turnaroundHours: 12 });
    expect(result).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});
