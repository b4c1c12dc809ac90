import { beforeAll, describe, expect, test } from "vitest";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as list from "@/app/api/v1/opportunities/route";
import { db } from "@/src/server/db";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, dealBody, ensureDefaults } from "../support/deals";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

describe("POST /api/v1/opportunities", () => {
  test("creates the deal in the first stage, in cents, with its history", async () => {
    const res = await call(list.POST, { token: org.rep.token, body: dealBody({ amount: 12345.67, discountPercent: 12.5 }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Platform rollout",
      accountName: "Northwind Traders",
      amount: 12345.67,
      currency: "USD",
      closeDate: "2027-03-31",
      originalCloseDate: "2027-03-31",
      type: "new",
      ownerId: org.rep.id,
      stage: "identify",
      status: "open",
      version: 1,
      discountPercent: 12.5,
      paymentTermsDays: 30,
      termMonths: 12,
      nonStandardTerms: "",
      closeDatePushes: 0,
      stalled: false,
      approval: { required: false, requiredGroups: [], status: "not_required" },
    });
    expect(res.body.exitCriteria.map((c: any) => [c.key, c.type, c.satisfied])).toEqual([
      ["decision_maker_meeting", "check", false],
      ["buying_process", "field", false],
      ["people_involved", "field", false],
    ]);
    const row = await db().opportunity.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.amountCents).toBe(1234567n);
    const history = await db().historyEntry.findMany({ where: { opportunityId: res.body.id } });
    expect(history.map((h) => h.type)).toEqual(["created"]);
  });

  test("a non-standard deal shows which deal desk groups must approve it", async () => {
    const res = await call(list.POST, {
      token: org.rep.token,
      body: dealBody({ amount: 300000, discountPercent: 32, paymentTermsDays: 60, termMonths: 48, nonStandardTerms: "MSA redlines on liability" }),
    });
    expect(res.body.approval).toMatchObject({
      required: true,
      requiredGroups: ["sales_manager", "finance", "legal", "sales_ops"],
      status: "needed",
    });
    expect(res.body.approval.reasons.map((r: any) => r.key)).toEqual([
      "discount_over_15",
      "discount_over_30",
      "payment_terms",
      "legal_terms",
      "term_length",
      "large_deal",
    ]);
  });

  test("a manager creates a deal for a rep of their team, but not of another team", async () => {
    const ok = await call(list.POST, { token: org.manager.token, body: dealBody({ ownerId: org.rep.id }) });
    expect(ok.status).toBe(201);
    expect(ok.body.ownerId).toBe(org.rep.id);
    const refused = await call(list.POST, { token: org.manager.token, body: dealBody({ ownerId: org.outsider.id }) });
    expect(refused.status).toBe(403);
  });

  test("a rep cannot create a deal for someone else; admins and the deal desk create none", async () => {
    expect((await call(list.POST, { token: org.rep.token, body: dealBody({ ownerId: org.teammate.id }) })).status).toBe(403);
    expect((await call(list.POST, { token: org.admin.token, body: dealBody() })).status).toBe(403);
    expect((await call(list.POST, { token: org.finance.token, body: dealBody() })).status).toBe(403);
  });

  test.each([
    ["no name", { name: "" }, ["name"]],
    ["a negative amount", { amount: -1 }, ["amount"]],
    ["fractions of a cent", { amount: 10.005 }, ["amount"]],
    ["an amount as text", { amount: "1000" }, ["amount"]],
    ["an impossible date", { closeDate: "2027-02-30" }, ["closeDate"]],
    ["a date with a time", { closeDate: "2027-02-01T00:00:00Z" }, ["closeDate"]],
    ["year zero, which PostgreSQL does not have", { closeDate: "0000-01-01" }, ["closeDate"]],
    ["a next step due in year zero", { nextStepDue: "0000-02-29" }, ["nextStepDue"]],
    ["a discount over 100", { discountPercent: 101 }, ["discountPercent"]],
    ["an unknown type", { type: "renewal" }, ["type"]],
    ["a lowercase currency", { currency: "usd" }, ["currency"]],
    ["an unknown field", { stage: "negotiate" }, ["(body)"]],
    ["an unknown owner", { ownerId: "nobody" }, ["ownerId"]],
  ])("%s is 400 naming the field", async (_, extra, fields) => {
    const res = await call(list.POST, { token: org.rep.token, body: dealBody(extra) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.fields.map((f: any) => f.field)).toEqual(fields);
  });
});

describe("GET /api/v1/opportunities", () => {
  test("pages through the caller's deals with a cursor, newest first, without repeats", async () => {
    const rep = (await import("../support/fixtures")).createUser;
    const owner = await rep({ role: "rep", teamId: org.team.id });
    const created = [];
    for (let i = 0; i < 7; i++) created.push((await createDeal(owner.token, { name: `Deal ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await call(list.GET, { token: owner.token, path: `/api/v1/opportunities?limit=3${cursor ? `&cursor=${cursor}` : ""}` });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((d: any) => d.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());
  });

  test("filters by stage, owner and status", async () => {
    const res = await call(list.GET, { token: org.manager.token, path: `/api/v1/opportunities?ownerId=${org.rep.id}&stage=identify&status=open` });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const d of res.body.items) expect(d).toMatchObject({ ownerId: org.rep.id, stage: "identify", status: "open" });
  });

  test.each([
    ["limit=0"],
    ["limit=500"],
    ["limit=abc"],
    ["cursor=bm90LWEtY3Vyc29y"],
    ["cursor=LTEwMDAwMC0wMS0wMVQwMDowMDowMC4wMDBafHg"],
    ["cursor=KzAxMDAwMC0wMS0wMVQwMDowMDowMC4wMDBafHg"],
    ["cursor=MjAyNi0wMS0wMVQwMDowMDowMC4wMDBafGEAYg"],
    ["status=maybe"],
  ])("a bad query (%s) is 400", async (q) => {
    const res = await call(list.GET, { token: org.rep.token, path: `/api/v1/opportunities?${q}` });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("PATCH /api/v1/opportunities/{id}", () => {
  const patch = (token: string, id: string, body: unknown) => call(one.PATCH, { token, params: { id }, body, method: "PATCH" });

  test("changes fields, bumps the version and records each change", async () => {
    const deal = await createDeal(org.rep.token);
    const res = await patch(org.rep.token, deal.id, {
      version: 1,
      amount: 52000,
      buyingProcess: "Procurement after CFO sign-off",
      nextStep: "Send ROI model",
      nextStepDue: "2027-01-20",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, amount: 52000, nextStep: "Send ROI model", nextStepDue: "2027-01-20" });
    const history = await db().historyEntry.findMany({ where: { opportunityId: deal.id }, orderBy: { id: "asc" } });
    expect(history.map((h) => h.type)).toEqual(["created", "field_changed", "next_step_changed"]);
    expect(history[1]!.details).toEqual({
      changes: { amount: { from: 48000, to: 52000 }, buyingProcess: { from: "", to: "Procurement after CFO sign-off" } },
    });
  });

  test("a stale version is 409 with the current version, and nothing changes", async () => {
    const deal = await createDeal(org.rep.token);
    await patch(org.rep.token, deal.id, { version: 1, amount: 1 });
    const res = await patch(org.rep.token, deal.id, { version: 1, amount: 2 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "VERSION_CONFLICT", details: { currentVersion: 2 } });
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } })).amountCents).toBe(100n);
  });

  test("the close date moved later needs a reason, and is counted as a push", async () => {
    const deal = await createDeal(org.rep.token);
    const refused = await patch(org.rep.token, deal.id, { version: 1, closeDate: "2027-04-30" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([{ field: "reason", message: "moving the close date later needs a reason" }]);
    const pushed = await patch(org.rep.token, deal.id, { version: 1, closeDate: "2027-04-30", reason: "Budget review moved to Q2" });
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ closeDate: "2027-04-30", originalCloseDate: "2027-03-31", closeDatePushes: 1, closeDateSlipDays: 30 });
    const pulled = await patch(org.rep.token, deal.id, { version: 2, closeDate: "2027-04-15" });
    expect(pulled.status).toBe(200);
    expect(pulled.body).toMatchObject({ closeDatePushes: 1, closeDateSlipDays: 15 });
    const changes = await db().closeDateChange.findMany({ where: { opportunityId: deal.id }, orderBy: { changedAt: "asc" } });
    expect(
      changes.map((c) => [c.oldDate.toISOString().slice(0, 10), c.newDate.toISOString().slice(0, 10), c.slipDays, c.reason, c.changedById]),
    ).toEqual([
      ["2027-03-31", "2027-04-30", 30, "Budget review moved to Q2", org.rep.id],
      ["2027-04-30", "2027-04-15", -15, "", org.rep.id],
    ]);
  });

  test("a patch that changes nothing keeps the version", async () => {
    const deal = await createDeal(org.rep.token);
    const res = await patch(org.rep.token, deal.id, { version: 1, name: deal.name, amount: 48000 });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
  });

  test("without a version it is 400", async () => {
    const deal = await createDeal(org.rep.token);
    const res = await patch(org.rep.token, deal.id, { amount: 5 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: any) => f.field)).toEqual(["version"]);
  });
});
