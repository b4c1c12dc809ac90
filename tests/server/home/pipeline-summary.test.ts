// The home page's pipeline for reps and managers: counts and amounts per stage summed in the
// database, stalled deals exactly as src/domain/opportunities/stalled.ts decides (and as the board's
// stalled filter shows them), past-due close dates, and the next steps due this week.
// Today is Wednesday 2027-02-10; "this week" is 2027-02-10 up to, not including, 2027-02-17.
// Stall limits of Standard B2B: Identify 21 days, Qualify 30, Propose 30, Negotiate 21, Finalize 14.
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { STANDARD_B2B } from "@/src/domain/process/templates";
import { parseBoardFilters } from "@/src/server/board/board-filters";
import { getBoard } from "@/src/server/board/get-board";
import { database, db } from "@/src/server/db";
import { getPipelineSummary, type PipelineSummary } from "@/src/server/home/get-pipeline-summary";
import { publishProcess } from "@/src/server/process/manage-processes";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";
import { actorOf, insertDeal, type DealSpec } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg, createUser } from "../../support/fixtures";

const NOW = new Date("2027-02-10T12:00:00Z");

let as: Record<"rep" | "teammate" | "manager" | "outsider" | "busy" | "newcomer" | "lifecycle", Actor>;

beforeAll(async () => {
  await ensureDefaults();
  const org = await createOrg();
  const busy = await createUser({ role: "rep", teamId: org.otherTeam.id });
  const newcomer = await createUser({ role: "rep", teamId: org.team.id });
  const lifecycle = await createUser({ role: "rep", teamId: org.otherTeam.id });
  as = {
    rep: await actorOf(org.rep),
    teammate: await actorOf(org.teammate),
    manager: await actorOf(org.manager),
    outsider: await actorOf(org.outsider),
    busy: await actorOf(busy),
    newcomer: await actorOf(newcomer),
    lifecycle: await actorOf(lifecycle),
  };

  // The rep: six open deals, three of them stalled, and closed deals that would be stalled if open.
  const rep = org.rep.id;
  await insertDeal(rep, {
    name: "Acme expansion",
    amount: 10_000,
    closeDate: "2027-02-20",
    stage: "identify",
    stageEnteredAt: new Date("2027-02-08T09:00:00Z"),
    nextStep: "Send the agenda",
    nextStepDue: "2027-02-10", // today: due this week, not overdue
  });
  await insertDeal(rep, {
    name: "Globex rollout",
    amount: 25_000.5,
    closeDate: "2027-02-09", // yesterday: past due
    stage: "qualify",
    stageEnteredAt: new Date("2027-01-11T23:59:59Z"), // 30 calendar days, Qualify's limit: not stalled
    nextStep: "Pricing review",
    nextStepDue: "2027-02-17", // a week today: not this week
  });
  await insertDeal(rep, {
    name: "Initech pilot",
    amount: 3_333.33,
    closeDate: "2027-04-01",
    stage: "qualify",
    stageEnteredAt: new Date("2027-01-10T00:00:00Z"), // 31 days: one over, stalled
  });
  await insertDeal(rep, {
    name: "Umbrella renewal",
    amount: 120_000,
    closeDate: "2027-02-10", // today: not past due yet
    stage: "negotiate",
    stageEnteredAt: new Date("2027-01-20T00:00:00Z"), // 21 days, Negotiate's limit: not stalled
    nextStep: "Legal redlines",
    nextStepDue: "2027-02-16", // the last day of the week
  });
  await insertDeal(rep, {
    name: "Massive Dynamic",
    amount: 40_000,
    closeDate: "2027-03-15",
    stage: "negotiate",
    stageEnteredAt: new Date("2027-01-19T23:59:59Z"), // 22 days: stalled in Negotiate, though not in Qualify
    nextStep: "Signature timeline",
    nextStepDue: "2027-02-12",
  });
  await insertDeal(rep, {
    name: "Vandelay import",
    amount: 9_999.99,
    currency: "EUR",
    closeDate: "2027-03-10",
    stage: "propose",
    stageEnteredAt: NOW,
    nextStep: "Chase the quote",
    nextStepDue: "2027-02-09", // yesterday: overdue, stalled
  });
  const longAgo = { stageEnteredAt: new Date("2026-10-01T00:00:00Z"), nextStepDue: "2027-01-05" };
  await insertDeal(rep, {
    ...longAgo,
    name: "Wayne win",
    amount: 50_000,
    closeDate: "2027-01-20",
    stage: "closed_won",
    status: "won",
    closedAt: new Date("2027-01-20T15:00:00Z"),
  });
  await insertDeal(rep, {
    ...longAgo,
    name: "Stark loss",
    amount: 7_000,
    closeDate: "2027-02-01",
    stage: "closed_lost",
    status: "lost",
    closedAt: new Date("2027-02-01T15:00:00Z"),
  });
  await insertDeal(rep, {
    ...longAgo,
    name: "Acme side project",
    amount: 9_000,
    closeDate: "2027-01-25",
    stage: "identify",
    status: "disqualified",
    closedAt: new Date("2027-02-01T10:00:00Z"),
  });

  // The rest of the manager's team, and the manager's own deal.
  await insertDeal(org.teammate.id, {
    name: "Hooli migration",
    amount: 80_000,
    closeDate: "2027-03-31",
    stage: "propose",
    stageEnteredAt: NOW,
    nextStep: "Security review",
    nextStepDue: "2027-02-15",
  });
  await insertDeal(org.teammate.id, {
    name: "Pied Piper",
    amount: 5_000,
    closeDate: "2027-02-01",
    stage: "identify",
    stageEnteredAt: new Date("2027-01-01T00:00:00Z"), // 40 days in Identify: stalled
  });
  await insertDeal(org.manager.id, { name: "Soylent add-on", amount: 1_000, closeDate: "2027-02-12", stage: "propose", stageEnteredAt: NOW });

  // Another team: two deals in GBP and one in USD, so GBP is the outsider's currency.
  await insertDeal(org.outsider.id, {
    name: "Acme outsider",
    amount: 60_000,
    closeDate: "2027-01-31",
    stage: "qualify",
    stageEnteredAt: new Date("2026-12-01T00:00:00Z"),
    nextStepDue: "2027-02-01",
  });
  await insertDeal(org.outsider.id, {
    name: "Tyrell",
    amount: 2_000,
    currency: "GBP",
    closeDate: "2027-05-01",
    stage: "identify",
    stageEnteredAt: NOW,
  });
  await insertDeal(org.outsider.id, {
    name: "Sirius",
    amount: 3_000.25,
    currency: "GBP",
    closeDate: "2027-05-01",
    stage: "identify",
    stageEnteredAt: NOW,
  });

  // A rep with more next steps due than the list holds: same-day ties go to the larger amount.
  const due = (name: string, amount: number, nextStepDue: string | null) =>
    insertDeal(busy.id, { name, amount, closeDate: "2027-06-30", stage: "identify", stageEnteredAt: NOW, nextStep: `Call ${name}`, nextStepDue });
  await due("Busy 100 overdue", 100, "2027-02-03");
  await due("Busy 500 overdue", 500, "2027-02-03");
  await due("Busy 50 Thu", 50, "2027-02-11");
  await due("Busy 5000 Thu", 5_000, "2027-02-11");
  await due("Busy 1 Sun", 1, "2027-02-14");
  await due("Busy 100 Tue", 100, "2027-02-16");
  await due("Busy 400 Tue", 400, "2027-02-16");
  await due("Busy 200 Tue", 200, "2027-02-16");
  await due("Busy 300 Tue", 300, "2027-02-16");
  await due("Busy next week", 9_000, "2027-02-17");
  await due("Busy no date", 9_000, null);

  // Deals following other, non-default processes: Customer lifecycle (Suspects allows 60 days), and a
  // copy of Standard B2B whose Propose allows 60 days instead of 30: a limit belongs to its version.
  const admin = await actorOf(org.admin);
  await publishProcess(admin, { template: "customer_lifecycle", makeDefault: false });
  const partner = {
    ...STANDARD_B2B,
    key: "partner_b2b",
    name: "Partner B2B",
    stages: STANDARD_B2B.stages.map((st) => (st.key === "propose" ? { ...st, stallDays: 60 } : st)),
  };
  await publishProcess(admin, { definition: partner, makeDefault: false });
  const elsewhere = async (processKey: string, stageKey: string, spec: Omit<DealSpec, "stage">) => {
    const version = await db().processVersion.findFirstOrThrow({ where: { process: { key: processKey } } });
    const id = await insertDeal(lifecycle.id, { ...spec, stage: stageKey });
    await db().opportunity.update({ where: { id }, data: { processVersionId: version.id } });
  };
  await elsewhere("customer_lifecycle", "suspects", {
    name: "Oscorp suspect",
    amount: 7_500,
    closeDate: "2027-09-30",
    stageEnteredAt: new Date("2026-12-01T00:00:00Z"),
  });
  await elsewhere("partner_b2b", "propose", {
    name: "Oscorp partner",
    amount: 1_250,
    closeDate: "2027-09-30",
    stageEnteredAt: new Date("2027-01-01T00:00:00Z"),
  });
  await insertDeal(lifecycle.id, {
    name: "Oscorp standard",
    amount: 2_500,
    closeDate: "2027-09-30",
    stage: "propose",
    stageEnteredAt: new Date("2027-01-01T00:00:00Z"),
  });
});

const summary = async (actor: Actor) => getPipelineSummary(db(), actor, await getActiveProcessVersion(database().sql), NOW);
const byStage = (s: PipelineSummary) => Object.fromEntries(s.stages.map((row) => [row.key, [row.count, row.amountCents]]));
const figures = (s: PipelineSummary) => ({
  openCount: s.openCount,
  openAmountCents: s.openAmountCents,
  stalledCount: s.stalledCount,
  pastDueCloseCount: s.pastDueCloseCount,
  dueThisWeekCount: s.dueThisWeekCount,
});
/** How many cards the board shows with "stalled only", over every column (and every process given). */
const boardStalled = async (actor: Actor, processKeys: (string | undefined)[] = [undefined]) => {
  let total = 0;
  for (const process of processKeys) {
    const board = await getBoard(actor, parseBoardFilters({ stalled: "1", ...(process ? { process } : {}) }), NOW);
    const cards = board.columns.reduce((n, c) => n + c.cards.length, 0);
    expect(board.columns.reduce((n, c) => n + c.count, 0)).toBe(cards);
    total += cards;
  }
  return total;
};

describe("per-stage counts and amounts", () => {
  test("a rep sees only their own open deals, in cents, with another currency counted but not added", async () => {
    const s = await summary(as.rep);
    expect(s.currency).toBe("USD");
    expect(s.otherCurrencyCount).toBe(1);
    expect(s.stages.map((row) => row.name)).toEqual(["Identify", "Qualify", "Propose", "Negotiate", "Deliver/Finalize"]);
    expect(byStage(s)).toEqual({
      identify: [1, 1_000_000n],
      qualify: [2, 2_833_383n], // 25,000.50 + 3,333.33
      propose: [1, 0n], // the EUR deal: in the count, not in the USD total
      negotiate: [2, 16_000_000n], // 120,000 + 40,000
      finalize: [0, 0n],
    });
    expect(figures(s)).toEqual({ openCount: 6, openAmountCents: 19_833_383n, stalledCount: 3, pastDueCloseCount: 1, dueThisWeekCount: 3 });
  });

  test("a manager sees their team's open deals and their own, not another team's", async () => {
    const s = await summary(as.manager);
    expect(s.currency).toBe("USD");
    expect(s.otherCurrencyCount).toBe(1);
    expect(byStage(s)).toEqual({
      identify: [2, 1_500_000n], // Acme 10,000 + Pied Piper 5,000
      qualify: [2, 2_833_383n],
      propose: [3, 8_100_000n], // Hooli 80,000 + Soylent 1,000, and the EUR deal uncounted in the total
      negotiate: [2, 16_000_000n],
      finalize: [0, 0n],
    });
    expect(figures(s)).toEqual({ openCount: 9, openAmountCents: 28_433_383n, stalledCount: 4, pastDueCloseCount: 2, dueThisWeekCount: 4 });
  });

  test("the totals are in the currency most open deals use; the others are counted only", async () => {
    const s = await summary(as.outsider);
    expect(s.currency).toBe("GBP");
    expect(s.otherCurrencyCount).toBe(1);
    expect(byStage(s)).toEqual({ identify: [2, 500_025n], qualify: [1, 0n], propose: [0, 0n], negotiate: [0, 0n], finalize: [0, 0n] });
    expect(figures(s)).toEqual({ openCount: 3, openAmountCents: 500_025n, stalledCount: 1, pastDueCloseCount: 1, dueThisWeekCount: 0 });
  });

  test("deals of another process are counted by stage key, the unknown keys in an 'Other stages' row", async () => {
    const s = await summary(as.lifecycle);
    expect(s.stages.map((row) => [row.key, row.name, row.count, row.amountCents])).toEqual([
      ["identify", "Identify", 0, 0n],
      ["qualify", "Qualify", 0, 0n],
      ["propose", "Propose", 2, 375_000n], // Standard's 2,500 and Partner's 1,250
      ["negotiate", "Negotiate", 0, 0n],
      ["finalize", "Deliver/Finalize", 0, 0n],
      ["(other)", "Other stages", 1, 750_000n],
    ]);
    // 71 days in Suspects (limit 60) and 40 in Standard's Propose (limit 30) are stalled; 40 in
    // Partner's Propose (limit 60) is not.
    expect(figures(s)).toEqual({ openCount: 3, openAmountCents: 1_125_000n, stalledCount: 2, pastDueCloseCount: 0, dueThisWeekCount: 0 });
  });

  test("a rep without deals gets zeros in every stage and an empty list", async () => {
    const s = await summary(as.newcomer);
    expect(s.currency).toBe("USD");
    expect(byStage(s)).toEqual({ identify: [0, 0n], qualify: [0, 0n], propose: [0, 0n], negotiate: [0, 0n], finalize: [0, 0n] });
    expect(figures(s)).toEqual({ openCount: 0, openAmountCents: 0n, stalledCount: 0, pastDueCloseCount: 0, dueThisWeekCount: 0 });
    expect(s.otherCurrencyCount).toBe(0);
    expect(s.nextSteps).toEqual([]);
  });
});

describe("stalled deals", () => {
  test("the stalled count agrees with the board's stalled filter, for a rep, a manager and another team", async () => {
    for (const actor of [as.rep, as.teammate, as.manager, as.outsider, as.busy, as.newcomer]) {
      const { stalledCount } = await summary(actor);
      expect({ who: actor.id, stalledCount }).toEqual({ who: actor.id, stalledCount: await boardStalled(actor) });
    }
    expect((await summary(as.manager)).stalledCount).toBe(4);
  });

  test("the board shows exactly the deals the rule calls stalled: one day over the limit, or a next step overdue", async () => {
    const board = await getBoard(as.rep, parseBoardFilters({ stalled: "1" }), NOW);
    const stalled = board.columns.flatMap((c) => c.cards.map((card) => card.name)).sort();
    // Not Globex (30 days in Qualify) nor Umbrella (21 in Negotiate): at the limit is not over it.
    expect(stalled).toEqual(["Initech pilot", "Massive Dynamic", "Vandelay import"]);
  });

  test("with deals in three processes, the home count is the sum of the board's stalled cards over them", async () => {
    const s = await summary(as.lifecycle);
    expect(await boardStalled(as.lifecycle)).toBe(1);
    expect(await boardStalled(as.lifecycle, ["standard_b2b", "customer_lifecycle", "partner_b2b"])).toBe(s.stalledCount);
  });

  test("one day later, the deals at their limit are stalled too, and so is the next step due today", async () => {
    const tomorrow = new Date("2027-02-11T00:00:00Z");
    const s = await getPipelineSummary(db(), as.rep, await getActiveProcessVersion(database().sql), tomorrow);
    expect(s.stalledCount).toBe(6);
    const board = await getBoard(as.rep, parseBoardFilters({ stalled: "1" }), tomorrow);
    expect(board.columns.flatMap((c) => c.cards.map((card) => card.name)).sort()).toEqual([
      "Acme expansion",
      "Globex rollout",
      "Initech pilot",
      "Massive Dynamic",
      "Umbrella renewal",
      "Vandelay import",
    ]);
  });
});

describe("next steps this week", () => {
  test("overdue first, then by due date up to the end of the week, with the stage's name", async () => {
    const s = await summary(as.rep);
    expect(s.nextSteps.map((r) => [r.name, r.stageName, r.nextStep, r.nextStepDue.toISOString().slice(0, 10), r.isOverdue])).toEqual([
      ["Vandelay import", "Propose", "Chase the quote", "2027-02-09", true],
      ["Acme expansion", "Identify", "Send the agenda", "2027-02-10", false],
      ["Massive Dynamic", "Negotiate", "Signature timeline", "2027-02-12", false],
      ["Umbrella renewal", "Negotiate", "Legal redlines", "2027-02-16", false],
    ]);
    expect(s.nextSteps[0]).toMatchObject({ accountName: "Vandelay import Inc", amountCents: 999_999n, currency: "EUR" });
  });

  test("a manager's list holds the team's next steps, not another team's", async () => {
    const s = await summary(as.manager);
    expect(s.nextSteps.map((r) => r.name)).toEqual(["Vandelay import", "Acme expansion", "Massive Dynamic", "Hooli migration", "Umbrella renewal"]);
  });

  test("the list stops at eight, ties on a day going to the larger deal; the week's count counts them all", async () => {
    const s = await summary(as.busy);
    expect(s.nextSteps.map((r) => r.name)).toEqual([
      "Busy 500 overdue",
      "Busy 100 overdue",
      "Busy 5000 Thu",
      "Busy 50 Thu",
      "Busy 1 Sun",
      "Busy 400 Tue",
      "Busy 300 Tue",
      "Busy 200 Tue",
    ]);
    // Thursday's two, Sunday's one and Tuesday's four; not the overdue ones, nor next Wednesday's.
    expect(s.dueThisWeekCount).toBe(7);
    expect(s.stalledCount).toBe(2);
  });
});
