// The pipeline board as each role sees it: columns, their totals summed in the database, the closed
// targets, every filter alone and combined, and what each card says. A fixed `now` makes close
// periods and stalling exact: today is 2027-02-10, this quarter is January to March 2027.
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { db } from "@/src/server/db";
import type { BoardCard } from "@/src/server/board/board-card";
import { parseBoardFilters, type BoardFilters } from "@/src/server/board/board-filters";
import { isFiltered } from "@/src/server/board/board-query";
import { boardQuery, type ClosePeriod } from "@/src/server/board/board-query";
import { closePeriodRange } from "@/src/server/board/close-period";
import { getBoard, type Board } from "@/src/server/board/get-board";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg, createUser } from "../../support/fixtures";

const NOW = new Date("2027-02-10T12:00:00Z");
const OPEN_STAGES = ["identify", "qualify", "propose", "negotiate", "finalize"];

let org: Awaited<ReturnType<typeof createOrg>>;
let as: Record<"rep" | "teammate" | "manager" | "outsider" | "admin" | "finance" | "newcomer", Actor>;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  const newcomer = await createUser({ role: "rep", teamId: org.otherTeam.id });
  as = {
    rep: await actorOf(org.rep),
    teammate: await actorOf(org.teammate),
    manager: await actorOf(org.manager),
    outsider: await actorOf(org.outsider),
    admin: await actorOf(org.admin),
    finance: await actorOf(org.finance),
    newcomer: await actorOf(newcomer),
  };

  const r1 = await insertDeal(org.rep.id, {
    name: "Acme expansion",
    accountName: "Acme Corp",
    amount: 10_000,
    closeDate: "2027-02-20",
    stage: "identify",
    stageEnteredAt: new Date("2027-02-08T09:00:00Z"),
    nextStep: "Send the agenda",
    nextStepDue: "2027-02-10", // due today: not overdue
    closeDatePushes: 2,
    closeDateSlipDays: 14,
    buyingProcess: "RFP run by procurement",
  });
  await db().criterionAttestation.create({
    data: { opportunityId: r1, stageKey: "identify", criterionKey: "decision_maker_meeting", attestedById: org.rep.id },
  });
  // 31 days in Qualify, whose limit is 30.
  await insertDeal(org.rep.id, {
    name: "Globex rollout",
    accountName: "Globex",
    amount: 25_000.5,
    closeDate: "2027-03-01",
    stage: "qualify",
    stageEnteredAt: new Date("2027-01-10T05:00:00Z"),
  });
  await insertDeal(org.rep.id, {
    name: "Initech pilot",
    accountName: "Initech",
    amount: 3_333.33,
    closeDate: "2027-04-01",
    stage: "qualify",
    stageEnteredAt: new Date("2027-02-01T10:00:00Z"),
    nextStep: "Budget call",
    nextStepDue: "2027-02-09", // yesterday: overdue
  });
  // Exactly 21 days in Negotiate, whose limit is 21: not stalled yet. Net 60 needs finance.
  const r4 = await insertDeal(org.rep.id, {
    name: "Umbrella renewal",
    accountName: "Umbrella Corp",
    amount: 120_000,
    closeDate: "2027-02-28",
    stage: "negotiate",
    stageEnteredAt: new Date("2027-01-20T00:00:00Z"), // midnight: the first moment of day 21
    paymentTermsDays: 60,
  });
  await db().approvalRequest.create({
    data: {
      opportunityId: r4,
      requestedById: org.rep.id,
      justification: "Strategic account",
      requiredGroups: ["finance"],
      termsSnapshot: { amountCents: 12_000_000, currency: "USD", discountPercent: 0, paymentTermsDays: 60, termMonths: 12, nonStandardTerms: "" },
    },
  });
  await insertDeal(org.rep.id, {
    name: "Wayne win",
    amount: 50_000,
    closeDate: "2027-01-20",
    stage: "closed_won",
    status: "won",
    closedAt: new Date("2027-01-20T15:00:00Z"),
  });
  await insertDeal(org.rep.id, {
    name: "Stark loss",
    amount: 7_000,
    closeDate: "2027-02-05",
    stage: "closed_lost",
    status: "lost",
    closedAt: new Date("2027-02-05T15:00:00Z"),
  });
  await insertDeal(org.rep.id, {
    name: "Cyberdyne loss",
    amount: 4_000,
    closeDate: "2026-12-15",
    stage: "closed_lost",
    status: "lost",
    closedAt: new Date("2026-12-15T15:00:00Z"),
  });
  await insertDeal(org.rep.id, {
    name: "Acme side project",
    accountName: "Acme Corp",
    amount: 9_000,
    closeDate: "2027-02-25",
    stage: "identify",
    status: "disqualified",
    closedAt: new Date("2027-02-01T10:00:00Z"),
  });

  await insertDeal(org.teammate.id, {
    name: "Hooli migration",
    accountName: "Hooli",
    amount: 80_000,
    closeDate: "2027-03-31",
    stage: "propose",
    stageEnteredAt: NOW,
  });
  await insertDeal(org.teammate.id, {
    name: "Pied Piper",
    accountName: "Pied Piper",
    amount: 5_000,
    closeDate: "2027-08-01",
    stage: "identify",
    stageEnteredAt: NOW,
  });
  await insertDeal(org.manager.id, {
    name: "Soylent add-on",
    accountName: "Soylent",
    amount: 1_000,
    closeDate: "2027-02-12",
    stage: "propose",
    stageEnteredAt: NOW,
  });
  await insertDeal(org.outsider.id, {
    name: "Acme outsider",
    accountName: "Acme Corp",
    amount: 60_000,
    closeDate: "2027-02-15",
    stage: "qualify",
    stageEnteredAt: NOW,
  });
  await insertDeal(org.outsider.id, {
    name: "Vandelay 100% import",
    accountName: "Vandelay_Industries",
    amount: 10_000,
    currency: "EUR",
    closeDate: "2027-03-10",
    stage: "qualify",
    stageEnteredAt: NOW,
  });
});

const NO_FILTERS: BoardFilters = parseBoardFilters({});
const board = (actor: Actor, filters: Partial<BoardFilters> = {}) => getBoard(actor, { ...NO_FILTERS, ...filters }, NOW);

/** The card names of each column, in the board's order. */
const names = (b: Board) => Object.fromEntries(b.columns.map((c) => [c.key, c.cards.map((card) => card.name)]));
/** Every card on the board, by name, sorted. */
const shown = (b: Board) => b.columns.flatMap((c) => c.cards.map((card) => card.name)).sort();
const totals = (b: Board) => Object.fromEntries(b.columns.map((c) => [c.key, [c.count, c.amountCents, c.weightedCents]]));
const closed = (b: Board) => Object.fromEntries(b.closed.map((c) => [c.key, [c.count, c.amountCents]]));
const card = (b: Board, name: string): BoardCard => {
  const found = b.columns.flatMap((c) => c.cards).find((c) => c.name === name);
  if (!found) throw new Error(`no card ${name}`);
  return found;
};

describe("columns and totals", () => {
  test("a column per open stage in process order, with Closed Won and Closed Lost as targets", async () => {
    const b = await board(as.rep);
    expect(b.processName).toBe("Standard B2B");
    expect(b.columns.map((c) => [c.key, c.name, c.probability])).toEqual([
      ["identify", "Identify", 10],
      ["qualify", "Qualify", 25],
      ["propose", "Propose", 50],
      ["negotiate", "Negotiate", 75],
      ["finalize", "Deliver/Finalize", 90],
    ]);
    expect(b.closed.map((c) => [c.key, c.kind])).toEqual([
      ["closed_won", "won"],
      ["closed_lost", "lost"],
    ]);
    expect(b.stages.map((s) => s.key)).toEqual([...OPEN_STAGES, "closed_won", "closed_lost"]);
    expect(b.stages.find((s) => s.key === "identify")!.exitCriteria.map((c) => c.key)).toEqual([
      "decision_maker_meeting",
      "buying_process",
      "people_involved",
    ]);
  });

  test("a rep's counts, totals and weighted amounts, in cents, by hand", async () => {
    const b = await board(as.rep);
    expect(totals(b)).toEqual({
      identify: [1, 1_000_000, 100_000], // 10,000.00 at 10%
      // 25,000.50 + 3,333.33 = 28,333.83 at 25% = 7,083.4575 → 7,083.46
      qualify: [2, 2_833_383, 708_346],
      propose: [0, 0, 0],
      negotiate: [1, 12_000_000, 9_000_000], // 120,000 at 75%
      finalize: [0, 0, 0],
    });
    expect(b.currency).toBe("USD");
    expect(b.otherCurrencyCount).toBe(0);
  });

  test("closed targets count the deals won and lost this quarter; disqualified and last quarter's are not there", async () => {
    const b = await board(as.rep);
    expect(closed(b)).toEqual({ closed_won: [1, 5_000_000], closed_lost: [1, 700_000] });
    expect(b.closedPeriod).toBe("this quarter");
    expect(b.closedIncludesToday).toBe(true);
  });

  test("closed and disqualified deals are never cards, even when they match the search", async () => {
    const b = await board(as.rep);
    expect(shown(b)).toEqual(["Acme expansion", "Globex rollout", "Initech pilot", "Umbrella renewal"]);
    expect(shown(await board(as.rep, { q: "acme" }))).toEqual(["Acme expansion"]);
    expect(shown(await board(as.rep, { q: "loss" }))).toEqual([]);
  });

  test("cards within a column come soonest close date first", async () => {
    expect(names(await board(as.manager))).toEqual({
      identify: ["Acme expansion", "Pied Piper"],
      qualify: ["Globex rollout", "Initech pilot"],
      propose: ["Soylent add-on", "Hooli migration"],
      negotiate: ["Umbrella renewal"],
      finalize: [],
    });
  });

  test("a currency other than the board's is counted but not summed", async () => {
    const b = await board(as.admin);
    expect(b.currency).toBe("USD");
    expect(b.otherCurrencyCount).toBe(1);
    const qualify = b.columns.find((c) => c.key === "qualify")!;
    // Globex, Initech and Acme outsider in USD (28,333.83 + 60,000), Vandelay in EUR left out.
    expect([qualify.count, qualify.amountCents, qualify.weightedCents]).toEqual([4, 8_833_383, 2_208_346]);
  });
});

describe("who sees what", () => {
  test("a rep sees only their own deals, and no owner choice", async () => {
    const b = await board(as.rep);
    expect(shown(b)).toEqual(["Acme expansion", "Globex rollout", "Initech pilot", "Umbrella renewal"]);
    expect(b.owners).toEqual([]);
    expect([b.canMove, b.canOverride, b.hasAnyOpenDeal]).toEqual([true, false, true]);
  });

  test("a teammate's deals are not on a rep's board, and the rep's are not on the teammate's", async () => {
    expect(shown(await board(as.teammate))).toEqual(["Hooli migration", "Pied Piper"]);
    const rep = shown(await board(as.rep));
    expect(rep).not.toContain("Hooli migration");
    expect(rep).not.toContain("Pied Piper");
  });

  test("a manager sees their team's deals and their own, with the team's totals", async () => {
    const b = await board(as.manager);
    expect(shown(b)).toEqual([
      "Acme expansion",
      "Globex rollout",
      "Hooli migration",
      "Initech pilot",
      "Pied Piper",
      "Soylent add-on",
      "Umbrella renewal",
    ]);
    expect(totals(b)).toEqual({
      identify: [2, 1_500_000, 150_000],
      qualify: [2, 2_833_383, 708_346],
      propose: [2, 8_100_000, 4_050_000],
      negotiate: [1, 12_000_000, 9_000_000],
      finalize: [0, 0, 0],
    });
    expect(closed(b)).toEqual({ closed_won: [1, 5_000_000], closed_lost: [1, 700_000] });
    expect(b.owners.map((o) => o.id).sort()).toEqual([org.manager.id, org.rep.id, org.teammate.id].sort());
    expect([b.canMove, b.canOverride]).toEqual([true, true]);
  });

  test("another team's rep sees only theirs", async () => {
    expect(shown(await board(as.outsider))).toEqual(["Acme outsider", "Vandelay 100% import"]);
  });

  test("the deal desk sees only the deals put in front of it, and may not move them", async () => {
    const b = await board(as.finance);
    expect(shown(b)).toEqual(["Umbrella renewal"]);
    expect(closed(b)).toEqual({ closed_won: [0, 0], closed_lost: [0, 0] });
    expect([b.canMove, b.canOverride, b.owners]).toEqual([false, false, []]);
  });

  test("an admin sees every open deal and may single out any seller, but not move", async () => {
    const b = await board(as.admin);
    expect(shown(b)).toHaveLength(9);
    expect(b.owners.map((o) => o.id).sort()).toEqual([org.manager.id, org.rep.id, org.teammate.id, org.outsider.id, as.newcomer.id].sort());
    expect([b.canMove, b.canOverride]).toEqual([false, false]);
  });

  test("a rep with no deal at all gets an empty board that says so", async () => {
    const b = await board(as.newcomer);
    expect(b.hasAnyOpenDeal).toBe(false);
    expect(b.columns.every((c) => c.count === 0 && c.cards.length === 0 && c.nextCursor === null)).toBe(true);
    expect(closed(b)).toEqual({ closed_won: [0, 0], closed_lost: [0, 0] });
    // A filter that matches nothing is not the same as having no deal.
    expect((await board(as.rep, { q: "nothing like this" })).hasAnyOpenDeal).toBe(true);
  });
});

describe("filters", () => {
  test("owner: mine, a teammate, the whole team, someone out of reach", async () => {
    expect(shown(await board(as.manager, { owner: "mine" }))).toEqual(["Soylent add-on"]);
    expect(shown(await board(as.manager, { owner: org.teammate.id }))).toEqual(["Hooli migration", "Pied Piper"]);
    expect(shown(await board(as.manager))).toHaveLength(7);
    expect(shown(await board(as.manager, { owner: org.outsider.id }))).toEqual([]);
    // A rep cannot reach a teammate's deals through the filter.
    expect(shown(await board(as.rep, { owner: org.teammate.id }))).toEqual([]);
    expect(shown(await board(as.rep, { owner: "mine" }))).toHaveLength(4);
    const teammates = await board(as.manager, { owner: org.teammate.id });
    expect(totals(teammates).propose).toEqual([1, 8_000_000, 4_000_000]);
  });

  test("close periods are half-open calendar ranges", async () => {
    expect(shown(await board(as.rep, { period: "this_month" }))).toEqual(["Acme expansion", "Umbrella renewal"]);
    // 2027-03-01 opens next month; 2027-04-01 opens next quarter.
    expect(shown(await board(as.rep, { period: "next_month" }))).toEqual(["Globex rollout"]);
    expect(shown(await board(as.rep, { period: "this_quarter" }))).toEqual(["Acme expansion", "Globex rollout", "Umbrella renewal"]);
    expect(shown(await board(as.rep, { period: "next_quarter" }))).toEqual(["Initech pilot"]);
    expect(shown(await board(as.manager, { period: "this_year" }))).toHaveLength(7);
  });

  test("the close period also sets which closed deals the targets count", async () => {
    const month = await board(as.rep, { period: "this_month" });
    expect([month.closedPeriod, month.closedIncludesToday]).toEqual(["this month", true]);
    expect(closed(month)).toEqual({ closed_won: [0, 0], closed_lost: [1, 700_000] });
    const next = await board(as.rep, { period: "next_month" });
    expect([next.closedPeriod, next.closedIncludesToday]).toEqual(["next month", false]);
    expect(closed(next)).toEqual({ closed_won: [0, 0], closed_lost: [0, 0] });
    expect(closed(await board(as.rep, { period: "this_year" }))).toEqual({ closed_won: [1, 5_000_000], closed_lost: [1, 700_000] });
  });

  test("amount range: min and max are inclusive, in major units", async () => {
    expect(shown(await board(as.rep, { min: 10_000 }))).toEqual(["Acme expansion", "Globex rollout", "Umbrella renewal"]);
    expect(shown(await board(as.rep, { max: 25_000.5 }))).toEqual(["Acme expansion", "Globex rollout", "Initech pilot"]);
    expect(shown(await board(as.rep, { min: 10_000.01, max: 25_000.5 }))).toEqual(["Globex rollout"]);
    expect(shown(await board(as.rep, { min: 200_000 }))).toEqual([]);
    const b = await board(as.rep, { min: 10_000 });
    expect(totals(b).qualify).toEqual([1, 2_500_050, 625_013]); // 25,000.50 at 25% = 6,250.125 → 6,250.13
    // The range applies to the closed targets too: the 7,000 loss is below it.
    expect(closed(b)).toEqual({ closed_won: [1, 5_000_000], closed_lost: [0, 0] });
  });

  test("stalled only: next step overdue, or longer in the stage than its limit", async () => {
    const b = await board(as.rep, { stalled: true });
    expect(shown(b)).toEqual(["Globex rollout", "Initech pilot"]);
    expect(totals(b).qualify).toEqual([2, 2_833_383, 708_346]);
    // The filter and the cards agree on every deal of the team.
    const all = (await board(as.manager)).columns.flatMap((c) => c.cards);
    const stalled = (await board(as.manager, { stalled: true })).columns.flatMap((c) => c.cards);
    expect(stalled.map((c) => c.id).sort()).toEqual(
      all
        .filter((c) => c.stalled)
        .map((c) => c.id)
        .sort(),
    );
  });

  test("search matches the deal or the account name, ignoring case", async () => {
    expect(shown(await board(as.rep, { q: "GLOBEX" }))).toEqual(["Globex rollout"]);
    expect(shown(await board(as.rep, { q: "pilot" }))).toEqual(["Initech pilot"]);
    expect(shown(await board(as.rep, { q: "umbrella corp" }))).toEqual(["Umbrella renewal"]);
    expect(shown(await board(as.admin, { q: "acme" }))).toEqual(["Acme expansion", "Acme outsider"]);
    // LIKE's wildcards are plain characters in a search.
    expect(shown(await board(as.rep, { q: "%" }))).toEqual([]);
    expect(shown(await board(as.rep, { q: "_" }))).toEqual([]);
    expect(shown(await board(as.admin, { q: "100%" }))).toEqual(["Vandelay 100% import"]);
    expect(shown(await board(as.admin, { q: "y_IND" }))).toEqual(["Vandelay 100% import"]);
    expect(shown(await board(as.admin, { q: "0%_" }))).toEqual([]);
  });

  test("filters combine", async () => {
    expect(shown(await board(as.rep, { owner: "mine", period: "this_quarter", stalled: true }))).toEqual(["Globex rollout"]);
    expect(shown(await board(as.manager, { owner: org.teammate.id, min: 50_000 }))).toEqual(["Hooli migration"]);
    expect(shown(await board(as.manager, { q: "acme", stalled: true }))).toEqual([]);
    expect(shown(await board(as.manager, { period: "this_month", max: 50_000 }))).toEqual(["Acme expansion", "Soylent add-on"]);
  });
});

describe("filters from the address bar", () => {
  test("each filter is read from the query string, and written back to the same one", () => {
    const filters = parseBoardFilters({ owner: "mine", period: "next_quarter", min: "1000", max: "2500.5", stalled: "1", q: " acme " });
    expect(filters).toEqual({ owner: "mine", period: "next_quarter", min: 1000, max: 2500.5, stalled: true, q: "acme" });
    expect(boardQuery(filters)).toBe("owner=mine&period=next_quarter&min=1000&max=2500.5&stalled=1&q=acme");
    expect(parseBoardFilters(Object.fromEntries(new URLSearchParams(boardQuery(filters))))).toEqual(filters);
    expect(boardQuery(parseBoardFilters({}))).toBe("");
  });

  test("only a filter that narrows the board counts as active", () => {
    expect(isFiltered(parseBoardFilters({}))).toBe(false);
    expect(isFiltered(parseBoardFilters({ period: "never", stalled: "0", q: " " }))).toBe(false);
    expect(isFiltered(parseBoardFilters({ min: "0" }))).toBe(true);
    expect(isFiltered(parseBoardFilters({ stalled: "1" }))).toBe(true);
  });

  test("close periods roll over the end of the year", () => {
    const range = (period: ClosePeriod, today: string) => {
      const r = closePeriodRange(period, today);
      return [r.from, r.to];
    };
    expect(range("this_month", "2027-12-31")).toEqual(["2027-12-01", "2028-01-01"]);
    expect(range("next_month", "2027-12-05")).toEqual(["2028-01-01", "2028-02-01"]);
    expect(range("this_quarter", "2027-11-15")).toEqual(["2027-10-01", "2028-01-01"]);
    expect(range("next_quarter", "2027-11-15")).toEqual(["2028-01-01", "2028-04-01"]);
    expect(range("next_quarter", "2027-03-31")).toEqual(["2027-04-01", "2027-07-01"]);
    expect(range("this_year", "2027-06-30")).toEqual(["2027-01-01", "2028-01-01"]);
  });

  test("unreadable values fall back to no filter instead of an error", () => {
    expect(
      parseBoardFilters({ owner: ["first", "second"], period: "last_decade", min: "-5", max: "lots", stalled: "yes", q: "x".repeat(101) }),
    ).toEqual({ owner: "first", period: undefined, min: undefined, max: undefined, stalled: false, q: undefined });
    expect(parseBoardFilters({ min: "1e20", q: "   ", owner: "o".repeat(65), period: ["this_month", "next_month"] })).toEqual({
      owner: undefined,
      period: "this_month",
      min: undefined,
      max: undefined,
      stalled: false,
      q: undefined,
    });
    expect(parseBoardFilters({ stalled: "true" }).stalled).toBe(true);
  });

  test("a board read with garbage filters is the unfiltered board", async () => {
    const filters = parseBoardFilters({ period: "someday", min: "NaN", max: "-1", stalled: "maybe", q: "" });
    expect(shown(await getBoard(as.rep, filters, NOW))).toEqual(shown(await board(as.rep)));
  });

  test("a NUL in the search or the owner is no filter, not a failed query", async () => {
    // Regression: ?q=%00 reached PostgreSQL, which refuses NUL in text, and the board failed.
    const filters = parseBoardFilters({ q: "acme\u0000", owner: "x\u0000y" });
    expect([filters.q, filters.owner]).toEqual([undefined, undefined]);
    expect(shown(await getBoard(as.manager, filters, NOW))).toHaveLength(7);
  });
});

describe("cards", () => {
  test("a card carries pushes, slippage, next step, criteria met and approval", async () => {
    const b = await board(as.rep);
    expect(card(b, "Acme expansion")).toMatchObject({
      accountName: "Acme Corp",
      amount: 10_000,
      currency: "USD",
      closeDate: "2027-02-20",
      closeDatePushes: 2,
      closeDateSlipDays: 14,
      nextStep: "Send the agenda",
      nextStepDue: "2027-02-10",
      stage: "identify",
      status: "open",
      stalled: false,
      stallReasons: [],
      approval: "not_required",
      // The meeting was attested and the buying process recorded; no decision maker contact yet.
      criteriaMet: 2,
      criteriaTotal: 3,
      version: 1,
      ownerName: "Test rep",
    });
  });

  test("stalled cards say why", async () => {
    const b = await board(as.rep);
    expect([card(b, "Globex rollout").stalled, card(b, "Globex rollout").stallReasons]).toEqual([true, ["too_long_in_stage"]]);
    expect([card(b, "Initech pilot").stalled, card(b, "Initech pilot").stallReasons]).toEqual([true, ["next_step_overdue"]]);
    // The close date is a fact, not a stalled criterion: Qualify's decision date is met.
    expect([card(b, "Globex rollout").criteriaMet, card(b, "Globex rollout").criteriaTotal]).toEqual([1, 4]);
  });

  test("a deal waiting on the deal desk shows the approval as pending and its criterion unmet", async () => {
    const umbrella = card(await board(as.rep), "Umbrella renewal");
    expect([umbrella.approval, umbrella.stalled, umbrella.criteriaMet, umbrella.criteriaTotal]).toEqual(["pending", false, 0, 5]);
  });
});
