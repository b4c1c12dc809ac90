// The dashboard's figures on hand-built deals with known answers (docs/rules/dashboard.md), on both
// databases: the worked example of win rates, conversion by stage from the history, sales
// velocity, balance, forecast, data integrity, losses and slippage, and who may see which scope.
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { fromCalendarDate } from "@/src/domain/dates";
import { database, db } from "@/src/server/db";
import { getMetrics } from "@/src/server/metrics/get-metrics";
import { setDealSizes, setTeamTarget } from "@/src/server/metrics/team-settings";
import { actorOf } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import type { TestUser } from "../../support/fixtures";
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

const deal = insertMetricsDeal;

beforeAll(async () => {
  await ensureDefaults();
  const org = await createMetricsOrg(["Metrics A", "Metrics B"]);
  ({ teamId, otherTeamId, manager, otherManager, admin, rep, rep2 } = org);
  const { outsider } = org;

  // The worked example: A 20,000 won, B 10,000 won, C 40,000 lost, D 30,000 lost, all closed in the period.
  const won = WON_PATH;
  await deal(
    rep,
    { name: "A", amount: 20_000, stage: "closed_won", status: "won", closedAt: IN_PERIOD },
    { createdAt: new Date("2026-10-01T10:00:00Z"), history: won },
  );
  await deal(
    rep2,
    { name: "B", amount: 10_000, stage: "closed_won", status: "won", closedAt: IN_PERIOD },
    { createdAt: new Date("2026-09-01T10:00:00Z"), history: won },
  );
  await deal(
    rep,
    { name: "C", amount: 40_000, stage: "closed_lost", status: "lost", closedAt: IN_PERIOD },
    { history: ["identify", "qualify", "propose", "closed_lost"] },
  );
  await deal(
    rep,
    { name: "D", amount: 30_000, stage: "closed_lost", status: "lost", closedAt: IN_PERIOD },
    { history: ["identify", "qualify", "closed_lost"] },
  );
  // Never counted: closed before the period, disqualified, another team's, another currency's value.
  await deal(rep, { name: "Old win", amount: 99_000, stage: "closed_won", status: "won", closedAt: BEFORE }, { history: won });
  await deal(rep, { name: "Disqualified", amount: 5_000, stage: "identify", status: "disqualified", closedAt: IN_PERIOD });
  await deal(outsider, { name: "Other team", amount: 70_000, stage: "closed_won", status: "won", closedAt: IN_PERIOD }, { history: won });
});

const metrics = (actor: Actor, extra: Record<string, string> = {}) => getMetrics(actor, { ...Q, ...extra }, NOW);

describe("win rates", () => {
  test("the worked example: 50% by count and 30% by value, the same with no open deal due", async () => {
    const m = await metrics(manager);
    expect(m.winRateCounts).toMatchObject({ won: 2, lost: 2, wonValue: 30_000, lostValue: 70_000 });
    expect(m.unitWinRate).toBe(0.5);
    expect(m.valueWinRate).toBeCloseTo(0.3, 10);
    expect(m.unitWinRateWithOpen).toBe(0.5);
    expect(m.valueWinRateWithOpen).toBeCloseTo(0.3, 10);
  });

  test("with C still open and due in the period: 66.7% and 50% without open deals, 50% and 30% with them", async () => {
    const c = await db().opportunity.findFirstOrThrow({ where: { name: "C", owner: { teamId } } });
    await db().opportunity.update({
      where: { id: c.id },
      data: { status: "open", stageKey: "propose", closedAt: null, closeDate: fromCalendarDate("2026-11-20") },
    });
    try {
      const m = await metrics(manager);
      expect(m.unitWinRate).toBeCloseTo(2 / 3, 10);
      expect(m.valueWinRate).toBeCloseTo(0.5, 10);
      expect(m.unitWinRateWithOpen).toBe(0.5);
      expect(m.valueWinRateWithOpen).toBeCloseTo(0.3, 10);
    } finally {
      await db().opportunity.update({ where: { id: c.id }, data: { status: "lost", stageKey: "closed_lost", closedAt: IN_PERIOD } });
    }
  });

  test("a deal lost, re-opened and won in the period counts once, as won, in the win rates and the conversion", async () => {
    const id = await deal(
      rep,
      { name: "Comeback", amount: 50_000, stage: "closed_won", status: "won", closedAt: IN_PERIOD },
      { history: ["identify", "qualify", "closed_lost"] },
    );
    await db().historyEntry.createMany({
      data: [
        { opportunityId: id, type: "reopened", fromStage: "closed_lost", toStage: "qualify", at: new Date("2026-10-20T10:00:00Z") },
        { opportunityId: id, type: "stage_changed", fromStage: "qualify", toStage: "closed_won", at: IN_PERIOD },
      ],
    });
    try {
      const m = await metrics(manager);
      expect(m.winRateCounts).toMatchObject({ won: 3, lost: 2, wonValue: 80_000, lostValue: 70_000 });
      expect(m.unitWinRate).toBeCloseTo(3 / 5, 10);
      // Qualify: A, B, C, D and the comeback, once; won A, B and the comeback.
      expect(m.conversionByStage.find((s) => s.stage === "qualify")).toMatchObject({ reached: 5, won: 3, reachedValue: 150_000, wonValue: 80_000 });
    } finally {
      await db().opportunity.delete({ where: { id } });
    }
  });

  test("nothing to divide is null, not zero", async () => {
    const m = await metrics(manager, { from: "2020-01-01", to: "2020-03-31" });
    expect(m.unitWinRate).toBeNull();
    expect(m.valueWinRate).toBeNull();
    expect(m.salesVelocityPerDay).toBeNull();
  });
});

describe("conversion by stage", () => {
  test("of the deals closed in the period that reached each stage, the share won, by count and value", async () => {
    const m = await metrics(manager);
    const at = (stage: string) => m.conversionByStage.find((s) => s.stage === stage)!;
    expect(at("qualify")).toMatchObject({ reached: 4, won: 2, reachedValue: 100_000, wonValue: 30_000, unitRate: 0.5 });
    expect(at("propose")).toMatchObject({ reached: 3, won: 2, unitRate: 2 / 3 });
    expect(at("propose").valueRate).toBeCloseTo(30 / 70, 10);
    expect(at("negotiate")).toMatchObject({ reached: 2, won: 2, unitRate: 1, valueRate: 1 });
    expect(m.conversionByStage.map((s) => s.stage)).toEqual(["identify", "qualify", "propose", "negotiate", "finalize"]);
  });
});

describe("sales velocity", () => {
  test("qualified deals × average won value × unit win rate ÷ average cycle", async () => {
    const open1 = await deal(rep, { name: "Open Q", amount: 8_000, stage: "qualify" });
    const open2 = await deal(rep, { name: "Open first stage", amount: 8_000, stage: "identify" });
    try {
      const m = await metrics(manager);
      // A: created Oct 1, won Nov 10 (40 days); B: Sep 1 to Nov 10 (70 days).
      expect(m.velocity).toMatchObject({ qualifiedDeals: 1, averageWonValue: 15_000, winRate: 0.5 });
      expect(m.velocity.averageCycleDays).toBeCloseTo(55, 5);
      expect(m.salesVelocityPerDay).toBeCloseTo((1 * 15_000 * 0.5) / 55, 6);
    } finally {
      await db().opportunity.deleteMany({ where: { id: { in: [open1, open2] } } });
    }
  });
});

describe("balance, forecast and data integrity of the open pipeline", () => {
  test("counts, values and weights per stage; the forecast by category with Closed the wins of the period", async () => {
    const ids = [
      await deal(rep, { name: "P1", amount: 10_000, stage: "qualify", nextStep: "" }),
      await deal(rep, { name: "P2", amount: 30_000, stage: "negotiate", closeDate: "2026-11-01" }),
      await deal(rep2, { name: "P3", amount: 20_000, stage: "negotiate", nextStepDue: "2026-11-01" }),
    ];
    await db().opportunity.update({ where: { id: ids[2]! }, data: { overriddenAt: IN_PERIOD } });
    try {
      const m = await metrics(manager);
      const stages = await db().stage.findMany({ where: { processVersion: { process: { isDefault: true } } }, orderBy: { order: "asc" } });
      const prob = (key: string) => stages.find((s) => s.key === key)!.probability / 100;
      expect(m.byStage.find((s) => s.stage === "qualify")).toMatchObject({ count: 1, value: 10_000, weightedValue: 10_000 * prob("qualify") });
      expect(m.byStage.find((s) => s.stage === "negotiate")).toMatchObject({ count: 2, value: 50_000, weightedValue: 50_000 * prob("negotiate") });
      expect(m.weightedPipeline).toBeCloseTo(10_000 * prob("qualify") + 50_000 * prob("negotiate"), 2);
      expect(m.forecastByCategory.find((f) => f.category === "closed")).toEqual({ category: "closed", count: 2, value: 30_000 });
      expect(m.forecastByCategory.reduce((sum, f) => sum + f.count, 0)).toBe(5);
      expect(m.dataIntegrity).toMatchObject({ open: 3, pastDueCloseDate: 1, noNextStep: 1, stalled: 1, overridden: 1, any: 3 });
      expect(m.dataIntegrity.share.overridden).toBeCloseTo(1 / 3, 10);
    } finally {
      await db().opportunity.deleteMany({ where: { id: { in: ids } } });
    }
  });
});

describe("losses and slippage", () => {
  test("losses of the period by category, competitor and missing functionality, none left out", async () => {
    await db().opportunity.updateMany({
      where: { name: "C", owner: { teamId } },
      data: { lostReasonCategory: "price", lostCompetitor: "DealFlow", lostMissingFunctionality: "none" },
    });
    await db().opportunity.updateMany({
      where: { name: "D", owner: { teamId } },
      data: { lostReasonCategory: "price", lostCompetitor: "none", lostMissingFunctionality: "Quotas" },
    });
    const m = await metrics(manager);
    // A category reads as its label from the settings; its key stays the name the list behind it filters by.
    expect(m.lossAnalysis.categories).toEqual([{ name: "price", label: "Price", count: 2, value: 70_000 }]);
    expect(m.lossAnalysis.competitors).toEqual([{ name: "DealFlow", label: "DealFlow", count: 1, value: 40_000 }]);
    expect(m.lossAnalysis.missingFunctionality).toEqual([{ name: "Quotas", label: "Quotas", count: 1, value: 30_000 }]);
  });

  test("close dates pushed later in the period, per rep", async () => {
    const id = await deal(rep2, { name: "Slipping", stage: "propose" });
    await db().closeDateChange.createMany({
      data: [
        { opportunityId: id, oldDate: fromCalendarDate("2026-11-01"), newDate: fromCalendarDate("2026-11-15"), slipDays: 14, changedAt: IN_PERIOD },
        { opportunityId: id, oldDate: fromCalendarDate("2026-11-15"), newDate: fromCalendarDate("2026-12-20"), slipDays: 49, changedAt: IN_PERIOD },
        { opportunityId: id, oldDate: fromCalendarDate("2026-12-20"), newDate: fromCalendarDate("2026-12-10"), slipDays: 39, changedAt: IN_PERIOD },
        { opportunityId: id, oldDate: fromCalendarDate("2026-09-01"), newDate: fromCalendarDate("2026-11-01"), slipDays: 61, changedAt: BEFORE },
      ],
    });
    const m = await metrics(manager);
    expect(m.slippage).toEqual([{ ownerId: rep2.id, ownerName: "Ray Two", pushes: 2, daysSlipped: 49 }]);
  });
});

describe("scope", () => {
  test("a manager sees their team; one rep narrows it; an admin sees every team", async () => {
    expect((await metrics(manager, { ownerId: rep2.id })).winRateCounts).toMatchObject({ won: 1, lost: 0 });
    expect((await metrics(admin)).winRateCounts.won).toBe(3);
    expect((await metrics(admin, { teamId: otherTeamId })).winRateCounts).toMatchObject({ won: 1, wonValue: 70_000 });
  });

  test("a manager asking for another team, or for someone of another team, is refused", async () => {
    await expect(metrics(otherManager, { teamId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(metrics(otherManager, { ownerId: rep.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("a rep may not see the dashboard", async () => {
    await expect(metrics(await actorOf(rep))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("an unknown team, owner or process is a 400 naming the field", async () => {
    await expect(metrics(admin, { teamId: "nope" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { fields: [{ field: "teamId" }] } });
    await expect(metrics(admin, { ownerId: "nope" })).rejects.toMatchObject({ details: { fields: [{ field: "ownerId" }] } });
    await expect(metrics(admin, { processKey: "nope" })).rejects.toMatchObject({ details: { fields: [{ field: "processKey" }] } });
  });
});

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (rank - lo);
}

describe("pipeline value factor and deal sizes", () => {
  test("1 ÷ the value conversion from each stage over closed history; required pipeline is that × what is left of the target", async () => {
    const before = await metrics(manager);
    expect(before.pipelineValueFactor.target).toBeNull();
    expect(before.pipelineValueFactor.stages.every((s) => s.requiredPipeline === null)).toBe(true);
    // Closed by the period's end and reached Qualify: A, B, Old win (won 129,000) and C, D (lost 70,000).
    const qualify = before.pipelineValueFactor.stages.find((s) => s.stage === "qualify")!;
    expect(qualify.factor).toBeCloseTo(199_000 / 129_000, 10);

    await setTeamTarget(manager, teamId, { ...Q, amount: 100_000, currency: "USD" });
    const m = await metrics(manager);
    expect(m.pipelineValueFactor).toMatchObject({ target: 100_000, wonInPeriod: 30_000, remainingTarget: 70_000 });
    expect(m.pipelineValueFactor.stages.find((s) => s.stage === "qualify")!.requiredPipeline).toBeCloseTo((70_000 * 199_000) / 129_000, 6);
    expect(m.pipelineValueFactor.stages.find((s) => s.stage === "qualify")!.presentPipeline).toBe(
      m.byStage.find((s) => s.stage === "qualify")!.value,
    );
    // Another currency's target, or another period's, is not this one.
    expect((await metrics(manager, { from: "2026-10-01", to: "2026-11-30" })).pipelineValueFactor.target).toBeNull();
    // One rep has no target of their own.
    expect((await metrics(manager, { ownerId: rep.id })).pipelineValueFactor.target).toBeNull();
  });

  test("rocks, stones and pebbles by the team's 80th and 40th percentile, or by thresholds set by hand", async () => {
    const ids = [];
    for (const amount of [10_000, 20_000, 30_000, 40_000, 50_000]) ids.push(await deal(rep, { name: `Size ${amount}`, amount, stage: "propose" }));
    try {
      const sizes = (await db().opportunity.findMany({ where: { owner: { teamId }, status: { not: "disqualified" } } })).map((d) =>
        Number(d.amountCents),
      );
      const [p80, p40] = [percentileCont(sizes, 0.8), percentileCont(sizes, 0.4)];
      const m = await metrics(manager);
      expect(m.sizeMix.thresholds).toEqual([
        { teamId, teamName: "Metrics A", rockFrom: Math.round(p80) / 100, stoneFrom: Math.round(p40) / 100, set: false },
      ]);
      const open = (await db().opportunity.findMany({ where: { owner: { teamId }, status: "open" } })).map((d) => Number(d.amountCents));
      const expected = { rock: open.filter((a) => a >= p80).length, stone: open.filter((a) => a < p80 && a >= p40).length };
      expect(m.sizeMix.classes.find((c) => c.size === "rock")!.count).toBe(expected.rock);
      expect(m.sizeMix.classes.find((c) => c.size === "stone")!.count).toBe(expected.stone);
      expect(m.sizeMix.classes.reduce((sum, c) => sum + c.count, 0)).toBe(open.length);

      await setDealSizes(manager, teamId, { rockFrom: 45_000, stoneFrom: 25_000 });
      const set = await metrics(manager);
      expect(set.sizeMix.thresholds[0]).toMatchObject({ rockFrom: 45_000, stoneFrom: 25_000, set: true });
      expect(set.sizeMix.classes.find((c) => c.size === "rock")).toMatchObject({ count: open.filter((a) => a >= 4_500_000).length, value: 50_000 });
      await setDealSizes(manager, teamId, { rockFrom: null, stoneFrom: null });
    } finally {
      await db().opportunity.deleteMany({ where: { id: { in: ids } } });
    }
  });

  test("only the team's manager or an admin sets its target and sizes; bad thresholds are named", async () => {
    await expect(setTeamTarget(otherManager, teamId, { ...Q, amount: 1, currency: "USD" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setTeamTarget(await actorOf(rep), teamId, { ...Q, amount: 1, currency: "USD" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setDealSizes(admin, teamId, { rockFrom: 10, stoneFrom: 20 })).rejects.toMatchObject({
      details: { fields: [{ field: "rockFrom" }] },
    });
    await expect(setDealSizes(admin, teamId, { rockFrom: 10, stoneFrom: null })).rejects.toMatchObject({
      details: { fields: [{ field: "stoneFrom" }] },
    });
    await expect(setTeamTarget(admin, teamId, { from: "2026-12-31", to: "2026-10-01", amount: 1, currency: "USD" })).rejects.toMatchObject({
      details: { fields: [{ field: "to" }] },
    });
    const removed = await setTeamTarget(admin, teamId, { ...Q, amount: null, currency: "USD" });
    expect(removed.targets).toEqual([]);
  });
});

test("the database is the one the project runs on", () => {
  expect(["pglite", "postgres"]).toContain(database().config.kind);
});
