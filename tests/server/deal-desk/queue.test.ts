// The deal desk's read models (docs/rules/deal-desk.md#the-desks-queue): who sees which requests in
// the queue, its filters, sort, late marking in business hours, counts, and one request in detail.
// Requests and decisions are written as rows, so each test states exactly what is pending; a deal has
// at most one pending request (the database holds that), so each pending request has its own deal.
import { sql } from "kysely";
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { turnaroundDueAt } from "@/src/domain/deal-desk/turnaround";
import { database, db } from "@/src/server/db";
import { getApprovalRequest } from "@/src/server/deal-desk/approval-requests";
import { countAwaitingMe, getDeskQueue, getDeskRequest, type DeskQueue } from "@/src/server/deal-desk/queue";
import { DEFAULT_QUEUE_FILTERS, parseDeskQueueFilters, type DeskQueueFilters } from "@/src/server/deal-desk/queue-filters";
import { dueAtSql } from "@/src/server/deal-desk/turnaround-sql";
import { getApprovalsSummary } from "@/src/server/home/get-approvals-summary";
import { insertApprovalRequest, termsSnapshot } from "../../support/approvals";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg, createTeam, createUser } from "../../support/fixtures";

// A Monday morning: Friday's requests have waited about a business day, not three calendar days.
const NOW = new Date("2027-02-15T10:00:00Z");

type Who = "rep" | "manager" | "admin" | "finance" | "legal" | "deputy" | "memberManager" | "deskNoGroups";
let as: Record<Who, Actor>;
let ids: Record<string, string>;
let deals: Record<string, string>;

beforeAll(async () => {
  await ensureDefaults();
  const org = await createOrg();
  const legal = await createUser({ role: "deal_desk", groups: ["legal"], name: "Lee Legal" });
  const deskNoGroups = await createUser({ role: "deal_desk" });
  // Mid-Market has no manager; an admin named a manager of another team its deputy.
  const partners = await createTeam("Partners");
  const deputy = await createUser({ role: "manager", teamId: partners.id });
  await db().team.update({ where: { id: partners.id }, data: { managerId: deputy.id } });
  await db().team.update({ where: { id: org.otherTeam.id }, data: { approvalDeputyId: deputy.id } });
  // A manager who sits on Enterprise (and so sees its deals) but leads another team.
  const alliances = await createTeam("Alliances");
  const memberManager = await createUser({ role: "manager", teamId: org.team.id });
  await db().team.update({ where: { id: alliances.id }, data: { managerId: memberManager.id } });
  await db().user.update({ where: { id: org.manager.id }, data: { name: "Mia Manager" } });
  await db().user.update({ where: { id: org.rep.id }, data: { name: "Ray Rep" } });
  await db().user.update({ where: { id: org.finance.id }, data: { name: "Fay Finance" } });
  as = {
    rep: await actorOf(org.rep),
    manager: await actorOf(org.manager),
    admin: await actorOf(org.admin),
    finance: await actorOf(org.finance),
    legal: await actorOf(legal),
    deputy: await actorOf(deputy),
    memberManager: await actorOf(memberManager),
    deskNoGroups: await actorOf(deskNoGroups),
  };

  const deal = { closeDate: "2027-03-31", stage: "negotiate" };
  deals = {
    acme: await insertDeal(org.rep.id, { ...deal, amount: 50_000, name: "Acme" }),
    bolt: await insertDeal(org.rep.id, { ...deal, amount: 300_000, name: "Bolt" }),
    cobalt: await insertDeal(org.teammate.id, { ...deal, amount: 20_000, name: "Cobalt" }),
    delta: await insertDeal(org.outsider.id, { ...deal, amount: 80_000, currency: "EUR", name: "Delta" }),
    echo: await insertDeal(org.manager.id, { ...deal, amount: 15_000, name: "Echo" }),
    foxtrot: await insertDeal(org.rep.id, { ...deal, amount: 60_000, name: "Foxtrot" }),
    gamma: await insertDeal(org.rep.id, { ...deal, amount: 40_000, name: "Gamma", paymentTermsDays: 60 }),
  };
  await db().opportunity.update({ where: { id: deals.acme }, data: { discountPercent: 35 } });
  await db().opportunity.update({ where: { id: deals.gamma }, data: { nonStandardTerms: "SLA redline v2" } });

  const finance = { group: "finance" as const, by: org.finance.id };
  ids = {
    // Friday 09:00 with a 24-hour target: due Monday 09:00, late on Monday 10:00 after 25 business hours.
    acme: await insertApprovalRequest(deals.acme, "2027-02-12T09:00:00Z", ["sales_manager", "finance"], {
      reasons: [
        { key: "discount_over_15", label: "Discount above 15% off list", version: 1, value: 35, groups: ["sales_manager"] },
        { key: "discount_over_30", label: "Discount above 30% off list", version: 1, value: 35, groups: ["finance"] },
      ],
      snapshot: termsSnapshot({ amountCents: 50_000_00, discountPercent: 35 }),
    }),
    // Friday noon: 70 calendar hours old on Monday 10:00, but 22 business hours: not late.
    bolt: await insertApprovalRequest(deals.bolt, "2027-02-12T12:00:00Z", ["finance", "sales_ops"], {
      snapshot: termsSnapshot({ amountCents: 300_000_00 }),
    }),
    // The manager approved; legal still owes its decision. Thursday 09:00, 48 hours: due Monday 09:00.
    cobalt: await insertApprovalRequest(deals.cobalt, "2027-02-11T09:00:00Z", ["sales_manager", "legal"], {
      targetHours: 48,
      decided: [{ group: "sales_manager", by: org.manager.id }],
      snapshot: termsSnapshot({ amountCents: 20_000_00 }),
    }),
    // Mid-Market's: the deputy decides for it, Enterprise's manager does not.
    delta: await insertApprovalRequest(deals.delta, "2027-02-15T08:00:00Z", ["sales_manager"], {
      snapshot: termsSnapshot({ amountCents: 80_000_00, currency: "EUR" }),
    }),
    // The manager's own deal: never waiting on them.
    echo: await insertApprovalRequest(deals.echo, "2027-02-14T08:00:00Z", ["sales_manager"], { snapshot: termsSnapshot({ amountCents: 15_000_00 }) }),
    // Decided on time, long ago.
    foxtrot: await insertApprovalRequest(deals.foxtrot, "2027-02-01T09:00:00Z", ["finance", "legal"], {
      status: "approved",
      decidedAt: "2027-02-01T12:00:00Z",
      decided: [finance, { group: "legal", by: legal.id }],
      snapshot: termsSnapshot({ amountCents: 60_000_00 }),
    }),
  };
  // Gamma: finance and legal approved net 60 and the redlines; the redlines changed, the request went
  // stale, and its resubmission carries finance's approval over; legal decides again.
  ids.gammaFirst = await insertApprovalRequest(deals.gamma, "2027-02-02T09:00:00Z", ["finance", "legal"], {
    status: "stale",
    decidedAt: "2027-02-03T09:00:00Z",
    staleAt: "2027-02-04T09:00:00Z",
    changedTerms: [{ term: "legal_terms", from: "SLA redline v1", to: "SLA redline v2" }],
    decided: [
      { ...finance, comment: "Net 60 is fine for this customer" },
      { group: "legal", by: legal.id, comment: "v1 accepted" },
    ],
    snapshot: termsSnapshot({ amountCents: 40_000_00, paymentTermsDays: 60, nonStandardTerms: "SLA redline v1" }),
  });
  ids.gammaSecond = await insertApprovalRequest(deals.gamma, "2027-02-04T10:00:00Z", ["finance", "legal"], {
    previousRequestId: ids.gammaFirst,
    decided: [{ ...finance, comment: "Net 60 is fine for this customer", carriedFrom: ids.gammaFirst }],
    snapshot: termsSnapshot({ amountCents: 40_000_00, paymentTermsDays: 60, nonStandardTerms: "SLA redline v2" }),
  });
});

const queue = (actor: Actor, filters: Partial<DeskQueueFilters> = {}) => getDeskQueue(actor, { ...DEFAULT_QUEUE_FILTERS, ...filters }, { now: NOW });
const rowIds = (q: DeskQueue) => q.rows.map((r) => r.id);
const idsOf = (...names: string[]) => names.map((n) => ids[n]);

describe("who sees what in the queue", () => {
  test("a desk member sees the pending requests still waiting on their groups, oldest first", async () => {
    // Finance: Acme and Bolt; Gamma's resubmission carries finance's approval, so it waits on legal only.
    expect(rowIds(await queue(as.finance))).toEqual(idsOf("acme", "bolt"));
    expect(rowIds(await queue(as.legal))).toEqual(idsOf("gammaSecond", "cobalt"));
  });

  test("a manager sees the sales manager's requests on the teams they manage, not their own deal's", async () => {
    // Cobalt is already approved by the manager; Echo is the manager's own deal; Delta is another team's.
    expect(rowIds(await queue(as.manager))).toEqual(idsOf("acme"));
    expect(await countAwaitingMe(as.manager)).toBe(1);
  });

  test("a deputy sees the teams they deputise for as well as their own; a manager who only sits on a team does not decide for it", async () => {
    expect(rowIds(await queue(as.deputy))).toEqual(idsOf("delta"));
    expect(rowIds(await queue(as.memberManager))).toEqual([]);
    expect(await countAwaitingMe(as.memberManager)).toBe(0);
  });

  test("an admin sees every pending request, but nothing waits on them", async () => {
    expect(rowIds(await queue(as.admin))).toEqual(idsOf("gammaSecond", "cobalt", "acme", "bolt", "echo", "delta"));
    expect(await countAwaitingMe(as.admin)).toBe(0);
  });

  test("a rep and a desk user of no group see nothing", async () => {
    for (const actor of [as.rep, as.deskNoGroups]) {
      const q = await queue(actor, { status: "all" });
      expect(q.rows).toEqual([]);
      expect(q.groups).toEqual([]);
      expect(q.waiting).toBe(0);
      expect(await countAwaitingMe(actor)).toBe(0);
    }
  });

  test("the home page's waiting-on-you count is the same as the badge's", async () => {
    for (const actor of [as.finance, as.legal, as.manager, as.deputy, as.admin])
      expect((await getApprovalsSummary(db(), actor)).awaitingYouCount).toBe(await countAwaitingMe(actor));
  });
});

describe("a row", () => {
  test("carries the deal, owner, amount, discount, rules, groups still pending and the turnaround", async () => {
    const [acme] = (await queue(as.finance)).rows;
    expect(acme).toEqual({
      id: ids.acme,
      status: "pending",
      deal: { id: deals.acme, name: "Acme", accountName: "Acme Inc" },
      ownerName: "Ray Rep",
      amountCents: 50_000_00,
      currency: "USD",
      discountPercent: 35,
      rules: ["Discount above 15% off list", "Discount above 30% off list"],
      requiredGroups: ["sales_manager", "finance"],
      pendingGroups: ["sales_manager", "finance"],
      awaitingYou: ["finance"],
      createdAt: new Date("2027-02-12T09:00:00Z"),
      ageHours: 25,
      targetHours: 24,
      dueAt: new Date("2027-02-15T09:00:00Z"),
      late: true,
    });
  });

  test("over a weekend only business hours count: Friday noon is not late on Monday morning", async () => {
    const bolt = (await queue(as.finance)).rows.find((r) => r.id === ids.bolt);
    expect(bolt).toMatchObject({ ageHours: 22, dueAt: new Date("2027-02-15T12:00:00Z"), late: false });
  });

  test("a decided request's age stops at its decision", async () => {
    const [foxtrot] = (await queue(as.finance, { status: "approved" })).rows;
    expect(foxtrot).toMatchObject({ id: ids.foxtrot, ageHours: 3, late: false, pendingGroups: [], awaitingYou: [] });
  });
});

describe("filters and sort", () => {
  test("by group: only the chosen group's waiting requests, and none for a group the actor does not follow", async () => {
    expect(rowIds(await queue(as.admin, { group: "legal" }))).toEqual(idsOf("gammaSecond", "cobalt"));
    expect(rowIds(await queue(as.admin, { group: "sales_manager" }))).toEqual(idsOf("acme", "echo", "delta"));
    expect(rowIds(await queue(as.finance, { group: "legal" }))).toEqual([]);
  });

  test("by status: decided and stale requests routed to the actor's groups, or all of them", async () => {
    expect(rowIds(await queue(as.finance, { status: "approved" }))).toEqual(idsOf("foxtrot"));
    expect(rowIds(await queue(as.legal, { status: "stale" }))).toEqual(idsOf("gammaFirst"));
    expect(rowIds(await queue(as.manager, { status: "stale" }))).toEqual([]);
    // All: whatever their status, Gamma's resubmission included though finance's part is done.
    expect(rowIds(await queue(as.finance, { status: "all" }))).toEqual(idsOf("foxtrot", "gammaFirst", "gammaSecond", "acme", "bolt"));
    // The manager's team's requests, their own deal's included; not another team's.
    expect(rowIds(await queue(as.manager, { status: "all" }))).toEqual(idsOf("cobalt", "acme", "echo"));
  });

  test("late only: past the target in business hours", async () => {
    expect(rowIds(await queue(as.admin, { lateOnly: true }))).toEqual(idsOf("gammaSecond", "cobalt", "acme"));
    expect(rowIds(await queue(as.finance, { lateOnly: true }))).toEqual(idsOf("acme"));
    expect(rowIds(await queue(as.finance, { status: "approved", lateOnly: true }))).toEqual([]);
  });

  test("sort: newest, due soonest, largest amount", async () => {
    expect(rowIds(await queue(as.admin, { sort: "newest" }))).toEqual(idsOf("delta", "echo", "bolt", "acme", "cobalt", "gammaSecond"));
    // Cobalt (48 h from Thursday) and Acme are both due Monday 09:00; the older first.
    expect(rowIds(await queue(as.admin, { sort: "due" }))).toEqual(idsOf("gammaSecond", "cobalt", "acme", "bolt", "echo", "delta"));
    expect(rowIds(await queue(as.admin, { sort: "amount" }))).toEqual(idsOf("bolt", "delta", "acme", "gammaSecond", "cobalt", "echo"));
  });

  test("filters read from the address fall back to the defaults when unreadable", () => {
    expect(parseDeskQueueFilters({})).toEqual({ status: "pending", lateOnly: false, sort: "oldest" });
    expect(parseDeskQueueFilters({ group: "finance", status: "approved", late: "1", sort: "due" })).toEqual({
      group: "finance",
      status: "approved",
      lateOnly: true,
      sort: "due",
    });
    expect(parseDeskQueueFilters({ group: "marketing", status: "lost", late: "yes", sort: ["amount", "due"] })).toEqual({
      status: "pending",
      lateOnly: false,
      sort: "amount",
    });
  });
});

describe("counts", () => {
  test("waiting and late per group the actor follows, and in all", async () => {
    const admin = await queue(as.admin, { status: "approved" });
    // Counts do not follow the filters: they are the chips' numbers.
    expect(admin.counts).toEqual([
      { group: "sales_manager", waiting: 3, late: 1 },
      { group: "finance", waiting: 2, late: 1 },
      { group: "legal", waiting: 2, late: 2 },
      { group: "sales_ops", waiting: 1, late: 0 },
    ]);
    expect({ waiting: admin.waiting, late: admin.late }).toEqual({ waiting: 6, late: 3 });
    const finance = await queue(as.finance);
    expect(finance.groups).toEqual(["finance"]);
    expect(finance.counts).toEqual([{ group: "finance", waiting: 2, late: 1 }]);
    expect(await countAwaitingMe(as.finance)).toBe(2);
    expect(await countAwaitingMe(as.legal)).toBe(2);
    expect(await countAwaitingMe(as.deputy)).toBe(1);
  });
});

describe("the due time in the database agrees with the domain", () => {
  test.each([
    ["2027-02-12T09:00:00.000Z", 24], // Friday into Monday
    ["2027-02-12T00:00:00.000Z", 24], // ends exactly at the end of Friday
    ["2027-02-13T10:00:00.000Z", 24], // made on a Saturday
    ["2027-02-14T23:30:00.500Z", 1], // Sunday night
    ["2027-02-15T00:00:00.000Z", 120], // a whole business week
    ["2027-02-10T17:45:12.250Z", 130], // more than a week
    ["2027-02-19T23:00:00.000Z", 240],
  ])("created %s with a target of %i hours", async (createdAt, hours) => {
    const { rows } = await sql<{ dueAt: Date }>`SELECT ${dueAtSql(sql`${new Date(createdAt)}::timestamp(3)`, sql`${hours}::int`)} AS "dueAt"`.execute(
      database().sql,
    );
    expect(rows[0]?.dueAt).toEqual(turnaroundDueAt(new Date(createdAt), hours));
  });
});

describe("one request", () => {
  test("the stale request: its terms beside the deal's, the change marked, decisions and the chain", async () => {
    const r = await getDeskRequest(as.legal, ids.gammaFirst, { now: NOW });
    expect(r).toMatchObject({
      id: ids.gammaFirst,
      status: "stale",
      justification: "Strategic account",
      requestedBy: { name: "Ray Rep" },
      requiredGroups: ["finance", "legal"],
      staleChanges: [{ term: "legal_terms", from: "SLA redline v1", to: "SLA redline v2" }],
      snapshotReadable: true,
      // Decided a day after it was made: 24 business hours, on time.
      ageHours: 24,
      late: false,
    });
    expect(r.terms).toEqual([
      { term: "amount", snapshot: 40_000, current: 40_000, changed: false },
      { term: "currency", snapshot: "USD", current: "USD", changed: false },
      { term: "discount_percent", snapshot: 0, current: 0, changed: false },
      { term: "payment_terms_days", snapshot: 60, current: 60, changed: false },
      { term: "term_months", snapshot: 12, current: 12, changed: false },
      { term: "legal_terms", snapshot: "SLA redline v1", current: "SLA redline v2", changed: true },
    ]);
    expect(r.decisions.map((d) => [d.group, d.decision, d.comment, d.carriedFromRequestId])).toEqual([
      ["finance", "approve", "Net 60 is fine for this customer", null],
      ["legal", "approve", "v1 accepted", null],
    ]);
    expect(r.chain).toEqual([
      { id: ids.gammaFirst, status: "stale", createdAt: new Date("2027-02-02T09:00:00Z"), current: true },
      { id: ids.gammaSecond, status: "pending", createdAt: new Date("2027-02-04T10:00:00Z"), current: false },
    ]);
  });

  test("the resubmission: finance's approval carried over and named as such, legal pending, the deal's standing", async () => {
    const r = await getDeskRequest(as.finance, ids.gammaSecond, { now: NOW });
    expect(r.terms.every((t) => !t.changed)).toBe(true);
    expect(r.decisions).toEqual([
      {
        group: "finance",
        decision: "approve",
        comment: "Net 60 is fine for this customer",
        deciderName: "Fay Finance",
        decidedAt: new Date("2027-02-01T12:00:00Z"),
        carriedFromRequestId: ids.gammaFirst,
      },
      { group: "legal", decision: null, comment: "", deciderName: null, decidedAt: null, carriedFromRequestId: null },
    ]);
    expect(r.chain.map((c) => [c.id, c.current])).toEqual([
      [ids.gammaFirst, false],
      [ids.gammaSecond, true],
    ]);
    // Net 60 and redlines: finance and legal under the default rules; the latest request covers the deal.
    expect(r.deal.approval).toEqual({ status: "pending", changedTerms: [], requiredGroups: ["finance", "legal"], latestRequestId: ids.gammaSecond });
    // Pending and a business week and more old: late.
    expect(r.late).toBe(true);
  });

  test("a deal whose terms moved since the snapshot stands stale, with the change", async () => {
    await db().opportunity.update({ where: { id: deals.foxtrot }, data: { paymentTermsDays: 45 } });
    const r = await getDeskRequest(as.finance, ids.foxtrot, { now: NOW });
    expect(r.terms.find((t) => t.term === "payment_terms_days")).toEqual({ term: "payment_terms_days", snapshot: 30, current: 45, changed: true });
    expect(r.deal.approval).toMatchObject({ status: "stale", changedTerms: [{ term: "payment_terms_days", from: 30, to: 45 }] });
  });

  test("visible to those who see the deal or decide for it; 404 for anyone else and for no such request", async () => {
    // The owner, the team's manager, an admin; the deputy for the team they decide for.
    await expect(getDeskRequest(as.rep, ids.acme, { now: NOW })).resolves.toMatchObject({ id: ids.acme });
    await expect(getDeskRequest(as.manager, ids.cobalt, { now: NOW })).resolves.toMatchObject({ id: ids.cobalt });
    await expect(getDeskRequest(as.admin, ids.delta, { now: NOW })).resolves.toMatchObject({ id: ids.delta });
    await expect(getDeskRequest(as.deputy, ids.delta, { now: NOW })).resolves.toMatchObject({ id: ids.delta, deal: { name: "Delta" } });
    const notFound = { code: "NOT_FOUND" };
    // A rep on another's deal; legal on a deal never put before legal; the manager on another team's; no groups; no such id.
    await expect(getDeskRequest(as.rep, ids.cobalt, { now: NOW })).rejects.toMatchObject(notFound);
    await expect(getDeskRequest(as.legal, ids.acme, { now: NOW })).rejects.toMatchObject(notFound);
    await expect(getDeskRequest(as.manager, ids.delta, { now: NOW })).rejects.toMatchObject(notFound);
    await expect(getDeskRequest(as.deputy, ids.acme, { now: NOW })).rejects.toMatchObject(notFound);
    await expect(getDeskRequest(as.deskNoGroups, ids.bolt, { now: NOW })).rejects.toMatchObject(notFound);
    await expect(getDeskRequest(as.admin, "no-such-request", { now: NOW })).rejects.toMatchObject(notFound);
  });
});

describe("the queue and the API read one rule", () => {
  test("a request's page opens for exactly those the API shows it to", async () => {
    for (const [who, actor] of Object.entries(as))
      for (const [name, id] of Object.entries(ids)) {
        const page = await getDeskRequest(actor, id, { now: NOW }).then(
          () => "ok",
          (e: { code?: string }) => e.code,
        );
        const api = await getApprovalRequest(actor, id, { now: NOW }).then(
          () => "ok",
          (e: { code?: string }) => e.code,
        );
        expect([who, name, page]).toEqual([who, name, api]);
      }
  });

  test("a request routed to other groups stays closed to a desk member who sees its deal through another", async () => {
    // Legal sees the deal through a withdrawn legal request; the new one asks finance only.
    const dealId = await insertDeal((await db().opportunity.findUniqueOrThrow({ where: { id: deals.acme } })).ownerId, {
      name: "Hotel",
      amount: 10_000,
      closeDate: "2027-03-31",
      stage: "negotiate",
    });
    try {
      const earlier = await insertApprovalRequest(dealId, "2027-02-01T09:00:00Z", ["legal"], { status: "withdrawn" });
      const later = await insertApprovalRequest(dealId, "2027-02-02T09:00:00Z", ["finance"], { status: "withdrawn" });
      await expect(getDeskRequest(as.legal, earlier, { now: NOW })).resolves.toMatchObject({ id: earlier });
      await expect(getDeskRequest(as.legal, later, { now: NOW })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(getDeskRequest(as.finance, later, { now: NOW })).resolves.toMatchObject({ id: later });
    } finally {
      await db().opportunity.delete({ where: { id: dealId } });
    }
  });

  test("what waits on someone in their queue is what the API lets them decide", async () => {
    for (const [who, actor] of Object.entries(as)) {
      const decides: string[] = [];
      for (const id of Object.values(ids)) {
        const view = await getApprovalRequest(actor, id, { now: NOW }).catch(() => null);
        if (view && view.youMayDecide.length > 0) decides.push(id);
      }
      // An admin watches every group and decides none: their queue is the desk's, their count 0.
      const waiting = who === "admin" ? [] : rowIds(await queue(actor));
      expect([who, [...waiting].sort()]).toEqual([who, [...decides].sort()]);
      expect([who, await countAwaitingMe(actor)]).toEqual([who, decides.length]);
    }
  });
});
