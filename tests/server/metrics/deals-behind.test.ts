// The deals behind each number of the dashboard (docs/rules/dashboard.md, "The deals behind a
// number"), on both databases: for every kind of figure the list's count (and value) equals the
// figure getMetrics answers for the same scope; sorting, paging and CSV; and the scope enforced.
import Papa from "papaparse";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { fromCalendarDate } from "@/src/domain/dates";
import { dealsHref, periodOf, readFilters } from "@/app/dashboard/dashboard-query";
import { dealsBehindRequest, readFigure } from "@/app/dashboard/deals/figure-query";
import { count, money } from "@/app/dashboard/parts";
import { MovementSection } from "@/app/dashboard/sections/movement";
import { SizeMixSection } from "@/app/dashboard/sections/size-mix";
import { db } from "@/src/server/db";
import type { FigureRef, MovementKind } from "@/src/domain/metrics/deal-figures";
import { type DealsBehindRequest, dealsBehind, dealsBehindCsv } from "@/src/server/metrics/deals-behind";
import { getMetrics, type Metrics } from "@/src/server/metrics/get-metrics";
import { ensureDefaults } from "../../support/deals";
import { actorOf } from "../../support/board";
import { createUser, type TestUser } from "../../support/fixtures";
import { createMetricsOrg, insertMetricsDeal, WON_PATH } from "../../support/metrics";

const Q = { from: "2026-10-01", to: "2026-12-31" };
const NOW = new Date("2026-12-03T12:00:00Z");
const IN_PERIOD = new Date("2026-11-10T10:00:00Z");
const BEFORE = new Date("2026-09-20T10:00:00Z");

let manager: Actor;
let otherManager: Actor;
let admin: Actor;
let rep: TestUser;
let rep2: TestUser;
let teamId: string;
let otherTeamId: string;

const deal = (owner: TestUser, spec: Parameters<typeof insertMetricsDeal>[1], history: string[] = []) => insertMetricsDeal(owner, spec, { history });

beforeAll(async () => {
  await ensureDefaults();
  const org = await createMetricsOrg(["Behind A", "Behind B"]);
  ({ teamId, otherTeamId, manager, otherManager, admin, rep, rep2 } = org);
  const { outsider } = org;

  const won = WON_PATH;
  await deal(rep, { name: "A", amount: 20_000, stage: "closed_won", status: "won", closedAt: IN_PERIOD }, won);
  await deal(rep2, { name: "B", amount: 10_000, stage: "closed_won", status: "won", closedAt: IN_PERIOD }, won);
  await deal(rep, { name: "B in EUR", amount: 5_000, currency: "EUR", stage: "closed_won", status: "won", closedAt: IN_PERIOD }, won);
  const c = await deal(rep, { name: "C", amount: 40_000, stage: "closed_lost", status: "lost", closedAt: IN_PERIOD }, [
    "identify",
    "qualify",
    "propose",
    "closed_lost",
  ]);
  const d = await deal(rep, { name: "D", amount: 30_000, stage: "closed_lost", status: "lost", closedAt: IN_PERIOD }, [
    "identify",
    "qualify",
    "closed_lost",
  ]);
  await db().opportunity.update({
    where: { id: c },
    data: { lostReasonCategory: "price", lostCompetitor: "DealFlow", lostMissingFunctionality: "none" },
  });
  await db().opportunity.update({
    where: { id: d },
    data: { lostReasonCategory: " price ", lostCompetitor: "none", lostMissingFunctionality: "Quotas" },
  });
  await deal(rep, { name: "Old win", amount: 99_000, stage: "closed_won", status: "won", closedAt: BEFORE }, won);
  await deal(rep, { name: "Disqualified", amount: 5_000, stage: "identify", status: "disqualified", closedAt: IN_PERIOD });
  // The open pipeline: one per integrity problem, one due in the period, one in the first stage.
  await deal(rep, { name: "P1 no next step", amount: 10_000, stage: "qualify", nextStep: "" });
  await deal(rep, { name: "P2 past due", amount: 30_000, stage: "negotiate", closeDate: "2026-11-01" });
  const p3 = await deal(rep2, { name: "P3 overdue step", amount: 20_000, stage: "negotiate", nextStepDue: "2026-11-01", closeDate: "2027-02-01" });
  await db().opportunity.update({ where: { id: p3 }, data: { overriddenAt: IN_PERIOD } });
  await deal(rep2, { name: "P4 first stage", amount: 7_000, stage: "identify", closeDate: "2027-03-01" });
  await deal(rep2, { name: "P5 commit", amount: 12_000, stage: "finalize", closeDate: "2027-01-15" });
  const slipping = await deal(rep2, { name: "Slipping", stage: "propose" });
  await db().closeDateChange.createMany({
    data: [
      {
        opportunityId: slipping,
        oldDate: fromCalendarDate("2026-11-01"),
        newDate: fromCalendarDate("2026-11-15"),
        slipDays: 14,
        changedAt: IN_PERIOD,
      },
      {
        opportunityId: slipping,
        oldDate: fromCalendarDate("2026-11-15"),
        newDate: fromCalendarDate("2026-12-20"),
        slipDays: 49,
        changedAt: IN_PERIOD,
      },
      {
        opportunityId: slipping,
        oldDate: fromCalendarDate("2026-12-20"),
        newDate: fromCalendarDate("2026-12-10"),
        slipDays: 39,
        changedAt: IN_PERIOD,
      },
      { opportunityId: slipping, oldDate: fromCalendarDate("2026-09-01"), newDate: fromCalendarDate("2026-11-01"), slipDays: 61, changedAt: BEFORE },
    ],
  });
  await deal(outsider, { name: "Other team", amount: 70_000, stage: "closed_won", status: "won", closedAt: IN_PERIOD }, won);
  await deal(outsider, { name: "Other team open", amount: 70_000, stage: "negotiate", nextStep: "" });
});

const list = (actor: Actor, ref: FigureRef, extra: Partial<DealsBehindRequest> = {}) => dealsBehind(actor, { ...Q, ...ref, ...extra }, NOW);

/** Every figure of the dashboard as (which list, its count, its value when it has one). */
function figuresOf(m: Metrics): { ref: FigureRef; count: number; value?: number }[] {
  const out: { ref: FigureRef; count: number; value?: number }[] = [
    { ref: { figure: "won" }, count: m.winRateCounts.won, value: m.winRateCounts.wonValue },
    { ref: { figure: "lost" }, count: m.winRateCounts.lost, value: m.winRateCounts.lostValue },
    { ref: { figure: "open_due" }, count: m.winRateCounts.openDue, value: m.winRateCounts.openDueValue },
    { ref: { figure: "qualified" }, count: m.velocity.qualifiedDeals },
    { ref: { figure: "open" }, count: m.dataIntegrity.open },
  ];
  for (const s of m.conversionByStage) {
    out.push({ ref: { figure: "reached", stage: s.stage }, count: s.reached, value: s.reachedValue });
    out.push({ ref: { figure: "reached_won", stage: s.stage }, count: s.won, value: s.wonValue });
  }
  for (const s of m.byStage) out.push({ ref: { figure: "balance", stage: s.stage }, count: s.count, value: s.value });
  for (const f of m.forecastByCategory) out.push({ ref: { figure: "forecast", category: f.category }, count: f.count, value: f.value });
  for (const kind of ["pastDueCloseDate", "noNextStep", "stalled", "overridden", "any"] as const)
    out.push({ ref: { figure: "integrity", kind }, count: m.dataIntegrity[kind] });
  for (const l of m.lossAnalysis.categories) out.push({ ref: { figure: "loss_category", name: l.name }, count: l.count, value: l.value });
  for (const l of m.lossAnalysis.competitors) out.push({ ref: { figure: "loss_competitor", name: l.name }, count: l.count, value: l.value });
  for (const l of m.lossAnalysis.missingFunctionality) out.push({ ref: { figure: "loss_missing", name: l.name }, count: l.count, value: l.value });
  for (const c of m.sizeMix.classes) out.push({ ref: { figure: "size", kind: c.size }, count: c.count, value: c.value });
  out.push(...movementFigures(m));
  return out;
}

/** Every number of the movement waterfall as (which list, its count, its value when it has one). */
function movementFigures(m: Metrics): { ref: FigureRef; count: number; value?: number }[] {
  const since = m.movement.since.slice(0, 10);
  const mv = m.movement;
  const ref = (kind: MovementKind): FigureRef => ({ figure: "movement", kind, since });
  return [
    { ref: ref("start"), ...mv.start },
    { ref: ref("new"), ...mv.steps.new },
    { ref: ref("forward"), count: mv.movedForward },
    { ref: ref("back"), count: mv.movedBack },
    { ref: ref("pushed"), ...mv.steps.pushedOut },
    { ref: ref("pulled"), ...mv.steps.pulledIn },
    { ref: ref("won"), ...mv.steps.won },
    { ref: ref("lost"), ...mv.steps.lost },
    { ref: ref("disqualified"), ...mv.steps.disqualified },
    { ref: ref("amount"), ...mv.steps.amountChanges },
    { ref: ref("now"), ...mv.now },
  ];
}

describe("the list behind each number equals the number", () => {
  test.each([
    ["a manager's teams", () => manager, {}],
    ["one rep", () => manager, { ownerId: "rep2" }],
    ["an admin, one team", () => admin, { teamId: "team" }],
  ] as const)("for %s", async (_, who, narrow) => {
    const filter: Record<string, string> = {};
    if ("ownerId" in narrow) filter.ownerId = rep2.id;
    if ("teamId" in narrow) filter.teamId = teamId;
    const m = await getMetrics(who(), { ...Q, ...filter }, NOW);
    const figures = figuresOf(m);
    // The data set gives every kind a non-zero figure somewhere, so equality is not 0 = 0 throughout.
    expect(figures.filter((f) => f.count > 0).length).toBeGreaterThan(10);
    for (const f of figures) {
      const l = await list(who(), f.ref, { ...filter, limit: 10_000 });
      expect({ ref: f.ref, count: l.total, rows: l.deals.length }).toEqual({ ref: f.ref, count: f.count, rows: f.count });
      if (f.value !== undefined) expect({ ref: f.ref, value: l.value }).toEqual({ ref: f.ref, value: f.value });
    }
  });

  test("the worked example's numbers and the integrity lists name the expected deals", async () => {
    const names = async (ref: FigureRef) => (await list(manager, ref, { sort: "name" })).deals.map((d) => d.name);
    expect(await names({ figure: "won" })).toEqual(["A", "B", "B in EUR"]);
    expect(await names({ figure: "lost" })).toEqual(["C", "D"]);
    expect(await names({ figure: "reached", stage: "propose" })).toEqual(["A", "B", "B in EUR", "C"]);
    expect(await names({ figure: "loss_category", name: "price" })).toEqual(["C", "D"]);
    expect(await names({ figure: "loss_competitor", name: "DealFlow" })).toEqual(["C"]);
    expect(await names({ figure: "integrity", kind: "noNextStep" })).toEqual(["P1 no next step"]);
    expect(await names({ figure: "integrity", kind: "pastDueCloseDate" })).toEqual(["P2 past due"]);
    expect(await names({ figure: "integrity", kind: "overridden" })).toEqual(["P3 overdue step"]);
    expect(await names({ figure: "qualified" })).not.toContain("P4 first stage");
    // A value adds up the figures' currency only: the EUR win is listed but not summed.
    expect((await list(manager, { figure: "won" })).value).toBe(30_000);
    // The list is titled with the stage's name, not its key.
    expect((await list(manager, { figure: "balance", stage: "negotiate" })).label).toBe("Open in Negotiate");
  });

  test("slippage per rep: the deals pushed, with their pushes and days adding up to the figure", async () => {
    const m = await getMetrics(manager, { ...Q, ownerId: rep2.id }, NOW);
    const l = await list(manager, { figure: "slippage" }, { ownerId: rep2.id });
    expect(m.slippage).toEqual([{ ownerId: rep2.id, ownerName: "Ray Two", pushes: 2, daysSlipped: 49 }]);
    expect(l.deals.map((d) => [d.name, d.pushes, d.daysSlipped])).toEqual([["Slipping", 2, 49]]);
  });
});

describe("the size mix's deals", () => {
  const names = async (kind: string) => (await list(manager, { figure: "size", kind }, { sort: "name" })).deals.map((d) => d.name);

  test("by the team's percentiles: rocks from the 80th, stones from the 40th, the rest pebbles", async () => {
    // The team's deals in USD, disqualified aside: 7, 10, 10, 10, 12, 20, 20, 30, 30, 40 and 99 thousand: p80 30,000, p40 12,000.
    expect(await names("rock")).toEqual(["P2 past due"]);
    expect(await names("stone")).toEqual(["P3 overdue step", "P5 commit"]);
    expect(await names("pebble")).toEqual(["P1 no next step", "P4 first stage", "Slipping"]);
    const m = await getMetrics(manager, Q, NOW);
    expect(m.sizeMix.classes.map((c) => [c.size, c.count, c.value])).toEqual([
      ["rock", 1, 30_000],
      ["stone", 2, 32_000],
      ["pebble", 3, 27_000],
    ]);
  });

  test("by the thresholds the team set, the lists following the figure", async () => {
    await db().team.update({ where: { id: teamId }, data: { rockFromCents: 2_000_000n, stoneFromCents: 1_000_000n } });
    try {
      expect(await names("rock")).toEqual(["P2 past due", "P3 overdue step"]);
      expect(await names("stone")).toEqual(["P1 no next step", "P5 commit", "Slipping"]);
      expect(await names("pebble")).toEqual(["P4 first stage"]);
      const m = await getMetrics(manager, Q, NOW);
      for (const c of m.sizeMix.classes) {
        const l = await list(manager, { figure: "size", kind: c.size });
        expect([c.size, l.total, l.value]).toEqual([c.size, c.count, c.value]);
      }
    } finally {
      await db().team.update({ where: { id: teamId }, data: { rockFromCents: null, stoneFromCents: null } });
    }
  });

  test("a size that is not one is a 400 naming kind", async () => {
    await expect(list(manager, { figure: "size" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { fields: [{ field: "kind" }] } });
    await expect(list(manager, { figure: "size", kind: "boulder" })).rejects.toMatchObject({ details: { fields: [{ field: "kind" }] } });
  });
});

describe("the movement's deals", () => {
  let mover: Actor;
  const SINCE = "2026-10-01";

  beforeAll(async () => {
    const org = await createMetricsOrg(["Movement A", "Movement B"]);
    mover = org.manager;
    const before = { createdAt: BEFORE, history: ["identify", "qualify"] };
    const at = async (id: string, type: "stage_changed" | "disqualified", toStage?: string) =>
      db().historyEntry.create({ data: { opportunityId: id, type, toStage: toStage ?? null, at: IN_PERIOD } });
    const m = (spec: Parameters<typeof insertMetricsDeal>[1], extra: Parameters<typeof insertMetricsDeal>[2] = before) =>
      insertMetricsDeal(org.rep, spec, extra);
    await m({ name: "Stays" });
    const grew = await m({ name: "Grew", amount: 15_000 });
    await db().historyEntry.create({
      data: { opportunityId: grew, type: "field_changed", at: IN_PERIOD, details: { changes: { amount: { from: 10_000, to: 15_000 } } } },
    });
    await at(await m({ name: "Forward", stage: "negotiate" }), "stage_changed", "negotiate");
    await at(
      await m({ name: "Back", stage: "qualify" }, { createdAt: BEFORE, history: ["identify", "qualify", "propose"] }),
      "stage_changed",
      "qualify",
    );
    await m({ name: "New" }, { createdAt: IN_PERIOD });
    const pulled = await m({ name: "Pulled", closeDate: "2026-12-15" });
    const pushed = await m({ name: "Pushed", closeDate: "2027-02-01" });
    await db().closeDateChange.createMany({
      data: [
        {
          opportunityId: pulled,
          oldDate: fromCalendarDate("2027-02-01"),
          newDate: fromCalendarDate("2026-12-15"),
          slipDays: -48,
          changedAt: IN_PERIOD,
        },
        {
          opportunityId: pushed,
          oldDate: fromCalendarDate("2026-12-01"),
          newDate: fromCalendarDate("2027-02-01"),
          slipDays: 62,
          changedAt: IN_PERIOD,
        },
      ],
    });
    await at(await m({ name: "Won since", stage: "closed_won", status: "won", closedAt: IN_PERIOD }), "stage_changed", "closed_won");
    await at(await m({ name: "Lost since", stage: "closed_lost", status: "lost", closedAt: IN_PERIOD }), "stage_changed", "closed_lost");
    await at(await m({ name: "Disqualified since", stage: "qualify", status: "disqualified", closedAt: IN_PERIOD }), "disqualified");
    await m({ name: "Won before", stage: "closed_won", status: "won", closedAt: BEFORE }, { createdAt: BEFORE, history: WON_PATH });
  });

  const names = async (kind: MovementKind) =>
    (await list(mover, { figure: "movement", kind, since: SINCE }, { sort: "name" })).deals.map((d) => d.name);

  test("every number of the waterfall is its list's count and value, each list the deals that made it", async () => {
    const m = await getMetrics(mover, { ...Q, since: SINCE }, NOW);
    const figures = movementFigures(m);
    expect(figures.every((f) => f.count > 0)).toBe(true);
    for (const f of figures) {
      const l = await list(mover, f.ref, { limit: 10_000 });
      expect({ ref: f.ref, count: l.total, rows: l.deals.length }).toEqual({ ref: f.ref, count: f.count, rows: f.count });
      if (f.value !== undefined) expect({ ref: f.ref, value: l.value }).toEqual({ ref: f.ref, value: f.value });
    }
    expect(m.movement.start).toEqual({ count: 8, value: 80_000 });
    expect(m.movement.now).toEqual({ count: 6, value: 65_000 });
    expect(await names("start")).toEqual(["Back", "Disqualified since", "Forward", "Grew", "Lost since", "Pushed", "Stays", "Won since"]);
    expect(await names("now")).toEqual(["Back", "Forward", "Grew", "New", "Pulled", "Stays"]);
    const one: [MovementKind, string][] = [
      ["new", "New"],
      ["forward", "Forward"],
      ["back", "Back"],
      ["pushed", "Pushed"],
      ["pulled", "Pulled"],
      ["won", "Won since"],
      ["lost", "Lost since"],
      ["disqualified", "Disqualified since"],
      ["amount", "Grew"],
    ];
    for (const [kind, name] of one) expect([kind, await names(kind)]).toEqual([kind, [name]]);
  });

  test("a step's value is what it added or took away; each deal shows its amount then", async () => {
    const won = await list(mover, { figure: "movement", kind: "won", since: SINCE });
    expect(won).toMatchObject({ value: -10_000, label: "Won from the pipeline since 2026-10-01" });
    expect(won.valueNote).toMatch(/taken out of the pipeline/);
    const grew = await list(mover, { figure: "movement", kind: "amount", since: SINCE });
    expect(grew.value).toBe(5_000);
    expect(grew.deals.map((d) => [d.amount, d.amountThen])).toEqual([[15_000, 10_000]]);
    expect((await list(mover, { figure: "movement", kind: "new", since: SINCE })).deals[0]?.amountThen).toBeNull();
    const csv = Papa.parse<Record<string, string>>(await dealsBehindCsv(grew), { header: true, skipEmptyLines: true });
    expect(csv.meta.fields).toContain("amountThen");
    expect(csv.data.map((r) => [r.name, r.amount, r.amountThen])).toEqual([["Grew", "15000", "10000"]]);
  });

  test("a later start changes the lists with the figure", async () => {
    // From the day after every change, nothing moved: the pipeline then is the pipeline now.
    const since = "2026-11-20";
    const m = await getMetrics(mover, { ...Q, since }, NOW);
    for (const f of movementFigures(m)) {
      const l = await list(mover, f.ref, { limit: 10_000 });
      expect({ ref: f.ref, count: l.total }).toEqual({ ref: f.ref, count: f.count });
    }
    expect(m.movement.start.count).toBe(m.movement.now.count);
  });

  test("a movement without since, or with a kind not of the movement, is a 400 naming the field", async () => {
    await expect(list(mover, { figure: "movement", kind: "won" })).rejects.toMatchObject({ details: { fields: [{ field: "since" }] } });
    await expect(list(mover, { figure: "movement", kind: "won", since: "yesterday" })).rejects.toMatchObject({
      details: { fields: [{ field: "since" }] },
    });
    await expect(list(mover, { figure: "movement", kind: "rock", since: SINCE })).rejects.toMatchObject({ details: { fields: [{ field: "kind" }] } });
    await expect(list(mover, { figure: "movement", since: SINCE })).rejects.toMatchObject({ details: { fields: [{ field: "kind" }] } });
  });

  test("a manager of another team cannot list them", async () => {
    await expect(
      list(
        manager,
        { figure: "movement", kind: "start", since: SINCE },
        { teamId: (await db().team.findFirstOrThrow({ where: { name: "Movement A" } })).id },
      ),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("the dashboard's links", () => {
  /** Every link a section renders: its address, accessible name and text. */
  const linksOf = (html: string) =>
    [...html.matchAll(/<a aria-label="([^"]*)"[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map(([, label, href, text]) => ({
      label: decode(label!),
      href: decode(href!),
      text: decode(text!),
    }));
  const decode = (s: string) =>
    s
      .replace(/&amp;/g, "&")
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"');

  /** Follows each link to its list, as the deals page does, and checks the list against the number shown. */
  async function expectLinksToMatch(who: Actor, html: string, expected: number) {
    const links = linksOf(html);
    expect(links).toHaveLength(expected);
    for (const link of links) {
      const params = Object.fromEntries(new URL(link.href, "http://x").searchParams);
      const filters = readFilters(params);
      const l = await dealsBehind(who, dealsBehindRequest(periodOf(filters, NOW).period, filters, readFigure(params), { limit: 10_000 }), NOW);
      expect(link.label).toMatch(/: see the deals$/);
      const shown = /^\d/.test(link.text) ? count(l.total) : money(l.value, l.currency);
      expect({ label: link.label, shown: link.text.split(" ")[0] }).toEqual({ label: link.label, shown });
    }
  }

  test("each number of the size mix opens the list whose count or value it is", async () => {
    const m = await getMetrics(manager, Q, NOW);
    const deals = (ref: FigureRef) => dealsHref({ period: "custom", ...Q }, ref);
    const html = renderToStaticMarkup(SizeMixSection({ metrics: m, deals }));
    await expectLinksToMatch(manager, html, 6);
    expect(linksOf(html).map((l) => l.label)).toContain("2 stones: see the deals");
  });

  test("each number of the movement opens the list whose count or value it is", async () => {
    const mover = await actorOf(
      await db().user.findFirstOrThrow({ where: { id: (await db().team.findFirstOrThrow({ where: { name: "Movement A" } })).managerId! } }),
    );
    const m = await getMetrics(mover, Q, NOW);
    const deals = (ref: FigureRef) => dealsHref({ period: "custom", ...Q }, ref);
    const html = renderToStaticMarkup(MovementSection({ metrics: m, deals }));
    // Two per row of the waterfall (the pipeline then, seven steps, the pipeline now), and moved forward and back.
    await expectLinksToMatch(mover, html, 20);
    expect(linksOf(html).map((l) => l.label)).toContainEqual(expect.stringMatching(/^Won, [-−]\$10,000: see the deals$/));
  });
});

describe("sorting, paging and CSV", () => {
  test("sorted by amount, close date, name or stage, either way, and paged", async () => {
    const amounts = (await list(manager, { figure: "open" }, { sort: "amount", direction: "desc" })).deals.map((d) => d.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const dates = (await list(manager, { figure: "open" }, { sort: "closeDate" })).deals.map((d) => d.closeDate);
    expect(dates).toEqual([...dates].sort());
    const stages = (await list(manager, { figure: "open" }, { sort: "stage" })).deals.map((d) => d.stage);
    expect(stages[0]).toBe("identify");
    expect(stages.at(-1)).toBe("finalize");
    const all = (await list(manager, { figure: "open" }, { sort: "name" })).deals.map((d) => d.name);
    const first = await list(manager, { figure: "open" }, { sort: "name", limit: 2 });
    const second = await list(manager, { figure: "open" }, { sort: "name", limit: 2, offset: 2 });
    expect(first.total).toBe(all.length);
    expect([...first.deals, ...second.deals].map((d) => d.name)).toEqual(all.slice(0, 4));
  });

  test("the CSV has a row per deal and quotes a cell that starts like a formula", async () => {
    const evil = await deal(rep, { name: "=HYPERLINK(1)", stage: "closed_won", status: "won", closedAt: IN_PERIOD });
    try {
      const csv = await dealsBehindCsv(await list(manager, { figure: "won" }, { limit: 10_000 }));
      const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
      // The Stageline columns the import reads back, then the list's own.
      expect(parsed.meta.fields).toEqual([
        ...["id", "name", "accountName", "amount", "currency", "closeDate", "stage", "ownerEmail", "owner", "type", "nextStep", "nextStepDue"],
        ...["stageName", "status", "closedAt"],
      ]);
      expect(parsed.data.map((r) => r.name).sort()).toEqual(["'=HYPERLINK(1)", "A", "B", "B in EUR"]);
      expect(parsed.data.find((r) => r.name === "A")).toMatchObject({ amount: "20000", owner: "Rae Rep", stage: "closed_won", status: "won" });
    } finally {
      await db().opportunity.delete({ where: { id: evil } });
    }
  });
});

describe("scope", () => {
  test("a manager cannot list another team's deals, nor someone of another team", async () => {
    await expect(list(otherManager, { figure: "won" }, { teamId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(list(otherManager, { figure: "won" }, { ownerId: rep.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const own = await list(otherManager, { figure: "won" });
    expect(own.deals.map((d) => d.name)).toEqual(["Other team"]);
    expect((await list(manager, { figure: "open" }, { limit: 10_000 })).deals.map((d) => d.name)).not.toContain("Other team open");
  });

  test("an admin lists any team's deals", async () => {
    expect((await list(admin, { figure: "won" }, { teamId: otherTeamId })).deals.map((d) => d.name)).toEqual(["Other team"]);
  });

  test("a rep or a deal desk member may not list them", async () => {
    await expect(list(await actorOf(rep), { figure: "won" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const desk = await createUser({ role: "deal_desk", groups: ["finance"] });
    await expect(list(await actorOf(desk), { figure: "won" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("a figure that needs a stage, category, kind or name without it is a 400 naming the field", async () => {
    await expect(list(manager, { figure: "balance" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fields: [{ field: "stage" }] },
    });
    await expect(list(manager, { figure: "forecast", category: "maybe" })).rejects.toMatchObject({ details: { fields: [{ field: "category" }] } });
    await expect(list(manager, { figure: "integrity", kind: "bogus" })).rejects.toMatchObject({ details: { fields: [{ field: "kind" }] } });
    await expect(list(manager, { figure: "loss_competitor" })).rejects.toMatchObject({ details: { fields: [{ field: "name" }] } });
  });
});
