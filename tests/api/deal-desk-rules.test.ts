// Admins change the deal desk rules, the target turnaround and a team's approval deputy
// (docs/rules/deal-desk.md#changing-the-rules); every deal's `approval` follows the rules as saved.
import { beforeAll, describe, expect, test } from "vitest";
import * as oneRule from "@/app/api/v1/deal-desk/rules/[id]/route";
import * as ruleVersions from "@/app/api/v1/deal-desk/rules/[id]/versions/route";
import * as rules from "@/app/api/v1/deal-desk/rules/route";
import * as settings from "@/app/api/v1/deal-desk/settings/route";
import * as oneDeal from "@/app/api/v1/opportunities/[id]/route";
import * as deputy from "@/app/api/v1/teams/[id]/approval-deputy/route";
import * as teams from "@/app/api/v1/teams/route";
import { db } from "@/src/server/db";
import { createDeal, ensureDefaults } from "../support/deals";
import { createOrg, createTeam, createUser, type TestUser } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
let admin: TestUser;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  admin = org.admin;
});

type Rule = { id: string; key: string; label: string; version: number; active: boolean; groups: string[]; condition: Record<string, unknown> };

async function ruleByKey(key: string): Promise<Rule> {
  const res = await call(rules.GET, { token: admin.token });
  expect(res.status).toBe(200);
  const rule = (res.body.items as Rule[]).find((r) => r.key === key);
  if (!rule) throw new Error(`no rule ${key}`);
  return rule;
}

const patch = (id: string, body: Record<string, unknown>, token = admin.token) =>
  call(oneRule.PATCH, { token, params: { id }, method: "PATCH", body, path: `/api/v1/deal-desk/rules/${id}` });

const versionsOf = async (id: string) => {
  const res = await call(ruleVersions.GET, { token: admin.token, params: { id } });
  expect(res.status).toBe(200);
  return res.body.items as {
    version: number;
    label: string;
    active: boolean;
    groups: string[];
    condition: unknown;
    createdBy: { id: string } | null;
  }[];
};

/** The deal's `approval` object, as the API answers it. */
const approvalOf = async (dealId: string) => {
  const res = await call(oneDeal.GET, { token: org.rep.token, params: { id: dealId } });
  expect(res.status).toBe(200);
  return res.body.approval as { required: boolean; requiredGroups: string[]; status: string; reasons: { key: string }[] };
};
const firedKeys = async (dealId: string) => (await approvalOf(dealId)).reasons.map((r) => r.key);

describe("listing the rules", () => {
  test("the defaults, in order, at version 1, saved by no one", async () => {
    const res = await call(rules.GET, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: Rule) => r.key)).toEqual([
      "discount_over_15",
      "discount_over_30",
      "payment_terms",
      "legal_terms",
      "term_length",
      "large_deal",
    ]);
    expect(res.body.items[0]).toMatchObject({
      label: "Discount above 15% off list",
      condition: { term: "discount_percent", op: "gt", value: 15 },
      groups: ["sales_manager"],
      active: true,
      version: 1,
      updatedBy: null,
    });
  });
});

describe("adding a rule", () => {
  test("it starts at version 1, saved by the admin, listed last, and fires at once", async () => {
    const deal = await createDeal(org.rep.token, { termMonths: 12, amount: 90_000 });
    expect(await firedKeys(deal.id)).toEqual([]);
    const res = await call(rules.POST, {
      token: admin.token,
      body: {
        key: "mid_size_deal",
        label: "Amount of 80,000 or more",
        condition: { term: "amount", op: "gte", value: 80_000 },
        groups: ["legal", "sales_ops"],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key: "mid_size_deal", version: 1, active: true, groups: ["legal", "sales_ops"], updatedBy: { id: admin.id } });
    const list = (await call(rules.GET, { token: admin.token })).body.items as Rule[];
    expect(list.at(-1)?.key).toBe("mid_size_deal");
    const versions = await versionsOf(res.body.id);
    expect(versions).toEqual([
      expect.objectContaining({
        version: 1,
        label: "Amount of 80,000 or more",
        groups: ["legal", "sales_ops"],
        active: true,
        createdBy: expect.objectContaining({ id: admin.id }),
      }),
    ]);
    const approval = await approvalOf(deal.id);
    expect(approval.reasons.map((r) => r.key)).toEqual(["mid_size_deal"]);
    expect(approval.requiredGroups).toEqual(["legal", "sales_ops"]);
  });

  test("groups are stored in the one order groups are listed in", async () => {
    const res = await call(rules.POST, {
      token: admin.token,
      body: {
        key: "long_terms",
        label: "Net 90 or more",
        condition: { term: "payment_terms_days", op: "gte", value: 90 },
        groups: ["sales_ops", "finance"],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.groups).toEqual(["finance", "sales_ops"]);
  });

  test("a rule added switched off fires for no deal", async () => {
    const deal = await createDeal(org.rep.token, { termMonths: 24 });
    const res = await call(rules.POST, {
      token: admin.token,
      body: { key: "two_years", label: "Two years", condition: { term: "term_months", op: "gte", value: 24 }, groups: ["finance"], active: false },
    });
    expect(res.status).toBe(201);
    expect(res.body.active).toBe(false);
    expect(await firedKeys(deal.id)).not.toContain("two_years");
  });

  test("two admins adding the same key at once: one is added, the other is 409 naming the key", async () => {
    const body = { key: "same_time", label: "Same time", condition: { term: "discount_percent", op: "gt", value: 70 }, groups: ["finance"] };
    const results = await Promise.all([1, 2, 3].map(() => call(rules.POST, { token: admin.token, body })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.details).toEqual({ field: "key" });
    const rule = await db().dealDeskRule.findUniqueOrThrow({ where: { key: "same_time" } });
    expect(await db().dealDeskRuleVersion.count({ where: { ruleId: rule.id } })).toBe(1);
  });

  test("a key already used is 409 CONFLICT naming the key, and nothing is written", async () => {
    const before = await db().dealDeskRule.count();
    const res = await call(rules.POST, {
      token: admin.token,
      body: { key: "discount_over_15", label: "Again", condition: { term: "discount_percent", op: "gt", value: 5 }, groups: ["finance"] },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "CONFLICT", details: { field: "key" } });
    expect(await db().dealDeskRule.count()).toBe(before);
  });
});

describe("changing a rule", () => {
  test("a new threshold raises the version, keeps the old one, and deals follow it", async () => {
    const deal = await createDeal(org.rep.token, { discountPercent: 18 });
    expect(await firedKeys(deal.id)).toEqual(["discount_over_15"]);
    const rule = await ruleByKey("discount_over_15");
    const res = await patch(rule.id, { version: rule.version, condition: { term: "discount_percent", op: "gt", value: 20 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: rule.version + 1,
      condition: { term: "discount_percent", op: "gt", value: 20 },
      updatedBy: { id: admin.id },
    });
    expect(await approvalOf(deal.id)).toMatchObject({ required: false, status: "not_required", reasons: [] });
    const versions = await versionsOf(rule.id);
    expect(versions.map((v) => [v.version, (v.condition as { value: number }).value])).toEqual([
      [rule.version + 1, 20],
      [1, 15],
    ]);
    expect(versions[0]!.createdBy?.id).toBe(admin.id);
    expect(versions.at(-1)!.createdBy).toBeNull();
  });

  test("other groups: deals are routed to them", async () => {
    const deal = await createDeal(org.rep.token, { paymentTermsDays: 60 });
    expect((await approvalOf(deal.id)).requiredGroups).toEqual(["finance"]);
    const rule = await ruleByKey("payment_terms");
    const res = await patch(rule.id, { version: rule.version, groups: ["legal", "finance"] });
    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual(["finance", "legal"]);
    expect((await approvalOf(deal.id)).requiredGroups).toEqual(["finance", "legal"]);
    expect((await versionsOf(rule.id))[0]).toMatchObject({ version: rule.version + 1, groups: ["finance", "legal"] });
  });

  test("switched off, a rule no longer fires; switched on, it fires again; each is a version", async () => {
    const deal = await createDeal(org.rep.token, { nonStandardTerms: "MSA redlines: liability cap raised" });
    expect(await approvalOf(deal.id)).toMatchObject({ required: true, requiredGroups: ["legal"], status: "needed" });
    const rule = await ruleByKey("legal_terms");
    const off = await patch(rule.id, { version: rule.version, active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, version: rule.version + 1 });
    expect(await approvalOf(deal.id)).toMatchObject({ required: false, requiredGroups: [], status: "not_required" });
    // Still listed for the admin, switched off.
    expect((await ruleByKey("legal_terms")).active).toBe(false);
    const on = await patch(rule.id, { version: off.body.version, active: true });
    expect(on.status).toBe(200);
    expect(await approvalOf(deal.id)).toMatchObject({ required: true, requiredGroups: ["legal"] });
    expect((await versionsOf(rule.id)).map((v) => [v.version, v.active])).toEqual([
      [rule.version + 2, true],
      [rule.version + 1, false],
      [rule.version, true],
    ]);
  });

  test("a rename and a new range, in one save, make one version", async () => {
    const rule = await ruleByKey("term_length");
    const res = await patch(rule.id, {
      version: rule.version,
      label: "Shorter than 6 months or longer than 5 years",
      condition: { term: "term_months", op: "outside", min: 6, max: 60 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      label: "Shorter than 6 months or longer than 5 years",
      condition: { op: "outside", min: 6, max: 60 },
      version: rule.version + 1,
    });
    expect(await versionsOf(rule.id)).toHaveLength(2);
    const deal = await createDeal(org.rep.token, { termMonths: 48 });
    expect(await firedKeys(deal.id)).not.toContain("term_length");
  });

  test("a new position reorders the list, as a version of the rule moved", async () => {
    const rule = await ruleByKey("payment_terms");
    const res = await patch(rule.id, { version: rule.version, position: 0 });
    expect(res.status).toBe(200);
    expect(res.body.position).toBe(0);
    const keys = ((await call(rules.GET, { token: admin.token })).body.items as Rule[]).map((r) => r.key);
    // discount_over_15 is at position 0 too: equal positions are listed by key.
    expect(keys.slice(0, 3)).toEqual(["discount_over_15", "payment_terms", "discount_over_30"]);
    expect((await versionsOf(rule.id))[0]).toMatchObject({ version: rule.version + 1, position: 0 });
  });

  test("a save that changes nothing makes no new version", async () => {
    const rule = await ruleByKey("large_deal");
    const res = await patch(rule.id, { version: rule.version, label: rule.label, groups: rule.groups, condition: rule.condition, active: true });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(rule.version);
    expect(await versionsOf(rule.id)).toHaveLength(1);
  });

  test("a stale version is 409 VERSION_CONFLICT with the current rule, and nothing is written", async () => {
    const rule = await ruleByKey("discount_over_30");
    const first = await patch(rule.id, { version: rule.version, label: "Discount above 30 % off list" });
    expect(first.status).toBe(200);
    const stale = await patch(rule.id, { version: rule.version, groups: ["legal"] });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: "VERSION_CONFLICT",
      details: {
        currentVersion: rule.version + 1,
        current: { id: rule.id, label: "Discount above 30 % off list", groups: ["finance"], version: rule.version + 1 },
      },
    });
    expect((await ruleByKey("discount_over_30")).groups).toEqual(["finance"]);
    expect(await versionsOf(rule.id)).toHaveLength(2);
    // A stale version is refused even for a save that would change nothing.
    expect((await patch(rule.id, { version: rule.version })).status).toBe(409);
  });

  test("two saves from the same version: exactly one wins, the other is told the rule changed", async () => {
    const created = await call(rules.POST, {
      token: admin.token,
      body: { key: "race", label: "Race", condition: { term: "discount_percent", op: "gt", value: 50 }, groups: ["finance"] },
    });
    const id = created.body.id as string;
    const results = await Promise.all(
      [40, 45, 55, 60].map((value) => patch(id, { version: 1, condition: { term: "discount_percent", op: "gt", value } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const versions = await versionsOf(id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]!.condition).toEqual(winner.body.condition);
  });

  test("an unknown rule is 404", async () => {
    expect((await patch("no-such-rule", { version: 1, label: "x" })).status).toBe(404);
    expect((await call(ruleVersions.GET, { token: admin.token, params: { id: "no-such-rule" } })).status).toBe(404);
  });
});

describe("bad input is 400 naming the field", () => {
  const base = { key: "new_rule", label: "A new rule", condition: { term: "discount_percent", op: "gt", value: 10 }, groups: ["finance"] };
  const cases: [string, Record<string, unknown>, string][] = [
    ["a key with spaces", { key: "Big deal" }, "key"],
    ["an empty key", { key: "" }, "key"],
    ["a key starting with a digit", { key: "9lives" }, "key"],
    ["an empty label", { label: "   " }, "label"],
    ["a discount above 100", { condition: { term: "discount_percent", op: "gt", value: 120 } }, "condition.value"],
    ["a negative discount", { condition: { term: "discount_percent", op: "gte", value: -1 } }, "condition.value"],
    ["an amount of 0", { condition: { term: "amount", op: "gte", value: 0 } }, "condition.value"],
    ["a term of 0 months", { condition: { term: "term_months", op: "outside", min: 0, max: 36 } }, "condition.min"],
    ["a term of 121 months", { condition: { term: "term_months", op: "outside", min: 12, max: 121 } }, "condition.max"],
    ["a fraction of a month", { condition: { term: "term_months", op: "gt", value: 6.5 } }, "condition.value"],
    ["payment terms beyond 365 days", { condition: { term: "payment_terms_days", op: "gt", value: 400 } }, "condition.value"],
    ["a range whose lower bound is not below its upper", { condition: { term: "term_months", op: "outside", min: 36, max: 12 } }, "condition.max"],
    ["a range with equal bounds", { condition: { term: "discount_percent", op: "outside", min: 10, max: 10 } }, "condition.max"],
    ["a threshold that is not a number", { condition: { term: "discount_percent", op: "gt", value: "15" } }, "condition.value"],
    ["a missing threshold", { condition: { term: "discount_percent", op: "gt" } }, "condition.value"],
    ["an unknown operator", { condition: { term: "discount_percent", op: "lt", value: 10 } }, "condition.op"],
    ["an unknown term", { condition: { term: "colour", op: "gt", value: 10 } }, "condition.term"],
    ["a numeric operator on the legal terms", { condition: { term: "non_standard_terms", op: "gt", value: 1 } }, "condition.term"],
    ["no groups", { groups: [] }, "groups"],
    ["a group twice", { groups: ["finance", "finance"] }, "groups"],
    ["an unknown group", { groups: ["marketing"] }, "groups.0"],
    ["a negative position", { position: -1 }, "position"],
  ];

  test.each(cases)("adding a rule with %s", async (_, change, field) => {
    const res = await call(rules.POST, { token: admin.token, body: { ...base, ...change } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  test.each(cases.filter(([, change]) => !("key" in change)))("changing a rule to %s", async (_, change, field) => {
    const rule = await ruleByKey("large_deal");
    const res = await patch(rule.id, { version: rule.version, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect((await ruleByKey("large_deal")).version).toBe(rule.version);
  });

  test("a change without the version read, or trying to change the key, is refused", async () => {
    const rule = await ruleByKey("large_deal");
    const noVersion = await patch(rule.id, { label: "Big" });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.details.fields.map((f: { field: string }) => f.field)).toContain("version");
    const newKey = await patch(rule.id, { version: rule.version, key: "huge_deal" });
    expect(newKey.status).toBe(400);
    expect((await ruleByKey("large_deal")).version).toBe(rule.version);
  });

  test("a body that is not JSON is 400, never 500", async () => {
    const res = await call(rules.POST, { token: admin.token, body: "{not json" });
    expect(res.status).toBe(400);
  });
});

describe("the target turnaround", () => {
  test("24 business hours until an admin changes it; then everyone who works the desk reads the new value", async () => {
    expect((await call(settings.GET, { token: admin.token })).body).toEqual({ turnaroundHours: 24 });
    const res = await call(settings.PUT, { token: admin.token, method: "PUT", body: { turnaroundHours: 48 } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ turnaroundHours: 48 });
    for (const who of [org.finance, org.manager, admin])
      expect((await call(settings.GET, { token: who.token })).body).toEqual({ turnaroundHours: 48 });
  });

  test.each([
    ["0 hours", 0],
    ["241 hours", 241],
    ["a fraction of an hour", 1.5],
    ["text", "24"],
    ["nothing", undefined],
  ])("%s is 400 naming turnaroundHours", async (_, turnaroundHours) => {
    const res = await call(settings.PUT, { token: admin.token, method: "PUT", body: { turnaroundHours } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["turnaroundHours"]);
  });

  test("a rep, who works no queue, may not read it", async () => {
    expect((await call(settings.GET, { token: org.rep.token })).status).toBe(403);
  });
});

describe("a team's approval deputy", () => {
  const put = (teamId: string, userId: string | null, token = admin.token) =>
    call(deputy.PUT, { token, method: "PUT", params: { id: teamId }, body: { userId }, path: `/api/v1/teams/${teamId}/approval-deputy` });
  const fieldsOf = (res: { body: { error: { details: { fields: { field: string; message: string }[] } } } }) => res.body.error.details.fields;

  test("an active manager of another team becomes the deputy, shown with the team; null clears it", async () => {
    const other = await createUser({ role: "manager", teamId: org.otherTeam.id });
    const res = await put(org.team.id, other.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: org.team.id, managerId: org.manager.id, approvalDeputyId: other.id });
    const listed = (await call(teams.GET, { token: admin.token })).body.items.find((t: { id: string }) => t.id === org.team.id);
    expect(listed.approvalDeputyId).toBe(other.id);
    const cleared = await put(org.team.id, null);
    expect(cleared.status).toBe(200);
    expect(cleared.body.approvalDeputyId).toBeNull();
    expect((await db().team.findUniqueOrThrow({ where: { id: org.team.id } })).approvalDeputyId).toBeNull();
  });

  test("a manager on no team may be the deputy of a team that has no manager", async () => {
    const team = await createTeam();
    const loner = await createUser({ role: "manager" });
    expect((await put(team.id, loner.id)).body.approvalDeputyId).toBe(loner.id);
  });

  test.each([
    ["a rep", () => createUser({ role: "rep", teamId: org.team.id }), "the deputy must have the manager role"],
    ["a deal desk user", () => createUser({ role: "deal_desk", groups: ["finance"] }), "the deputy must have the manager role"],
    ["an admin", () => createUser({ role: "admin" }), "the deputy must have the manager role"],
    ["a deactivated manager", () => createUser({ role: "manager", active: false }), "the deputy must be an active user"],
    ["the team's own manager", async () => org.manager, "the team's manager already decides for it"],
    ["no one at all", async () => ({ id: "no-such-user" }), "no such user"],
  ])("%s is refused with 400 naming userId, and the deputy stays", async (_, who, message) => {
    const kept = await createUser({ role: "manager" });
    expect((await put(org.team.id, kept.id)).status).toBe(200);
    const res = await put(org.team.id, (await who()).id);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual([{ field: "userId", message }]);
    expect((await db().team.findUniqueOrThrow({ where: { id: org.team.id } })).approvalDeputyId).toBe(kept.id);
  });

  test("an unknown team is 404; a body without userId is 400", async () => {
    expect((await put("no-such-team", null)).status).toBe(404);
    const res = await call(deputy.PUT, { token: admin.token, method: "PUT", params: { id: org.team.id }, body: {} });
    expect(res.status).toBe(400);
    expect(fieldsOf(res).map((f) => f.field)).toEqual(["userId"]);
  });
});

describe("only admins change the rules, the turnaround and the deputies", () => {
  test.each(["rep", "manager", "finance"] as const)("%s: every write and the rule lists are 403, and nothing changes", async (who) => {
    const token = org[who].token;
    const rule = await ruleByKey("discount_over_15");
    const results = {
      "list rules": (await call(rules.GET, { token })).status,
      "add a rule": (
        await call(rules.POST, {
          token,
          body: { key: `by_${who}`, label: "Mine", condition: { term: "discount_percent", op: "gt", value: 5 }, groups: ["finance"] },
        })
      ).status,
      "change a rule": (await patch(rule.id, { version: rule.version, active: false }, token)).status,
      "read its versions": (await call(ruleVersions.GET, { token, params: { id: rule.id } })).status,
      "change the turnaround": (await call(settings.PUT, { token, method: "PUT", body: { turnaroundHours: 1 } })).status,
      "name a deputy": (await call(deputy.PUT, { token, method: "PUT", params: { id: org.team.id }, body: { userId: null } })).status,
    };
    expect(results).toEqual({
      "list rules": 403,
      "add a rule": 403,
      "change a rule": 403,
      "read its versions": 403,
      "change the turnaround": 403,
      "name a deputy": 403,
    });
    expect(await ruleByKey("discount_over_15")).toEqual(rule);
    expect(await db().dealDeskRule.findUnique({ where: { key: `by_${who}` } })).toBeNull();
  });

  test("without credentials, 401", async () => {
    expect((await call(rules.GET)).status).toBe(401);
    expect((await call(settings.GET)).status).toBe(401);
  });
});
