// The dashboard's targets page (app/dashboard/targets, docs/rules/dashboard.md "Targets and deal
// sizes"): what it shows each role, and its forms' server actions, which call the API's server
// functions: an admin sets any team's, a manager their own team's and no other, a rep and the deal desk
// nothing; every bad value refused by field. Also the check the dashboard makes before it streams
// anything, which gives another team's id its 403 status.
import { beforeAll, describe, expect, test, vi } from "vitest";
import { loadScope } from "@/app/dashboard/load";
import { presetOf, targetPeriods } from "@/app/dashboard/targets/periods";
import { readTargetsQuery } from "@/app/dashboard/targets/targets-query";
import { removeTargetAction, setDealSizesAction, setTargetAction } from "@/app/dashboard/targets/actions";
import type { ActionResult } from "@/src/http/action-result";
import { getMetrics } from "@/src/server/metrics/get-metrics";
import { getTargetsPage } from "@/src/server/metrics/targets-page";
import { getTeamDashboardSettings } from "@/src/server/metrics/team-settings";
import { nextCache, signInAs, signOut } from "../../support/action-session";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);
vi.mock("next/cache", async () => (await import("../../support/action-session")).nextCache);

let org: Awaited<ReturnType<typeof createOrg>>;
const QUARTER = { from: "2026-10-01", to: "2026-12-31" };

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  // The team's deal sizes: 10,000 to 50,000, so its 80th percentile is 42,000 and its 40th 26,000.
  for (const [i, amount] of [10_000, 20_000, 30_000, 40_000, 50_000].entries())
    await insertDeal(org.rep.id, { name: `Sized ${i}`, amount, closeDate: "2026-12-15", stage: "qualify" });
});

const fields = (r: ActionResult<unknown>) => (r.ok ? [] : ((r.error.details as { fields?: { field: string; message: string }[] })?.fields ?? []));
const settingsOf = async (teamId: string) => getTeamDashboardSettings(await actorOf(org.admin), teamId);

describe("the target periods", () => {
  test("this quarter, next quarter (across the year's end too) and this year; any other range is custom", () => {
    expect(targetPeriods("2026-12-03")).toEqual({
      this_quarter: { from: "2026-10-01", to: "2026-12-31" },
      next_quarter: { from: "2027-01-01", to: "2027-03-31" },
      this_year: { from: "2026-01-01", to: "2026-12-31" },
    });
    expect(targetPeriods("2026-02-28").next_quarter).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    const presets = targetPeriods("2026-12-03");
    expect(presetOf({ from: "2027-01-01", to: "2027-03-31" }, presets)).toBe("next_quarter");
    expect(presetOf({ from: "2026-10-01", to: "2026-11-30" }, presets)).toBe("custom");
  });

  test("the address is read leniently: a bad date or currency is no value", () => {
    expect(readTargetsQuery({ teamId: " t1 ", from: "2026-10-01", to: "nonsense", currency: "eur" })).toEqual({
      teamId: "t1",
      from: "2026-10-01",
      currency: "EUR",
    });
    expect(readTargetsQuery({ currency: "euros" })).toEqual({});
  });
});

describe("what the page shows", () => {
  test("a manager: the teams they manage, the chosen one's targets, and its percentiles as the size mix computes them", async () => {
    const manager = await actorOf(org.manager);
    const page = await getTargetsPage(manager, undefined);
    expect(page.teams).toEqual([{ id: org.team.id, name: org.team.name }]);
    expect(page.team?.id).toBe(org.team.id);
    expect(page.settings).toMatchObject({ teamId: org.team.id, rockFrom: null, stoneFrom: null });
    expect(page.sizes).toMatchObject({ currency: "USD", rockFrom: 42_000, stoneFrom: 26_000, set: false });
    // The same thresholds the dashboard's size mix uses.
    const metrics = await getMetrics(manager, { ...QUARTER, teamId: org.team.id });
    expect(metrics.sizeMix.thresholds.find((t) => t.teamId === org.team.id)).toMatchObject({ rockFrom: 42_000, stoneFrom: 26_000, set: false });
  });

  test("a manager naming another team is refused (the 403 page); an admin chooses any team, and an unknown one is not found", async () => {
    await expect(getTargetsPage(await actorOf(org.manager), org.otherTeam.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await actorOf(org.admin);
    const page = await getTargetsPage(admin, org.otherTeam.id);
    expect(page.team?.id).toBe(org.otherTeam.id);
    expect(page.teams.map((t) => t.id)).toEqual(expect.arrayContaining([org.team.id, org.otherTeam.id]));
    // No deal in the other team: no percentile to show.
    expect(page.sizes).toMatchObject({ rockFrom: null, stoneFrom: null, set: false });
    await expect(getTargetsPage(admin, "no-such-team")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("a rep and the deal desk get nothing", async () => {
    await expect(getTargetsPage(await actorOf(org.rep), undefined)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getTargetsPage(await actorOf(org.finance), undefined)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("setting, changing and removing a target", () => {
  test("the manager sets their team's target for a period, changes it, and the dashboard measures against it", async () => {
    await signInAs(org.manager);
    nextCache.refresh.mockClear();
    const set = await setTargetAction({ teamId: org.team.id, ...QUARTER, currency: "USD", amount: 300_000 });
    expect(set).toMatchObject({ ok: true, data: { targets: [expect.objectContaining({ ...QUARTER, currency: "USD", amount: 300_000 })] } });
    expect(nextCache.refresh).toHaveBeenCalled();
    const changed = await setTargetAction({ teamId: org.team.id, ...QUARTER, currency: "USD", amount: 250_000.5 });
    expect(changed.ok && changed.data.targets).toEqual([expect.objectContaining({ amount: 250_000.5 })]);
    const metrics = await getMetrics(await actorOf(org.manager), { ...QUARTER, teamId: org.team.id });
    expect(metrics.pipelineValueFactor.target).toBe(250_000.5);

    const removed = await removeTargetAction({ teamId: org.team.id, ...QUARTER, currency: "USD" });
    expect(removed).toMatchObject({ ok: true, data: { targets: [] } });
    expect((await getMetrics(await actorOf(org.manager), { ...QUARTER, teamId: org.team.id })).pipelineValueFactor.target).toBeNull();
  });

  test("an admin sets any team's target", async () => {
    await signInAs(org.admin);
    const result = await setTargetAction({ teamId: org.otherTeam.id, from: "2027-01-01", to: "2027-03-31", currency: "EUR", amount: 80_000 });
    expect(result).toMatchObject({ ok: true });
    expect((await settingsOf(org.otherTeam.id)).targets).toEqual([expect.objectContaining({ from: "2027-01-01", currency: "EUR", amount: 80_000 })]);
    expect(await removeTargetAction({ teamId: org.otherTeam.id, from: "2027-01-01", to: "2027-03-31", currency: "EUR" })).toMatchObject({
      ok: true,
      data: { targets: [] },
    });
  });

  test("a manager cannot set or remove another team's target (not found, as through the API); nothing is written", async () => {
    await signInAs(org.admin);
    await setTargetAction({ teamId: org.otherTeam.id, ...QUARTER, currency: "USD", amount: 90_000 });
    await signInAs(org.manager);
    expect(await setTargetAction({ teamId: org.otherTeam.id, ...QUARTER, currency: "USD", amount: 1 })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect(await removeTargetAction({ teamId: org.otherTeam.id, ...QUARTER, currency: "USD" })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect((await settingsOf(org.otherTeam.id)).targets).toEqual([expect.objectContaining({ amount: 90_000 })]);
  });

  test("a rep, the deal desk and someone signed out are refused", async () => {
    for (const user of [org.rep, org.finance]) {
      await signInAs(user);
      expect(await setTargetAction({ teamId: org.team.id, ...QUARTER, currency: "USD", amount: 1 })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(await removeTargetAction({ teamId: org.team.id, ...QUARTER, currency: "USD" })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(await setDealSizesAction({ teamId: org.team.id, rockFrom: 2, stoneFrom: 1 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    signOut();
    expect(await setTargetAction({ teamId: org.team.id, ...QUARTER, currency: "USD", amount: 1 })).toMatchObject({
      ok: false,
      error: { code: "UNAUTHENTICATED" },
    });
    expect((await settingsOf(org.team.id)).targets).toEqual([]);
  });

  test("bad values are refused by field: a negative or missing amount, a period ending before it starts, an unknown currency", async () => {
    await signInAs(org.manager);
    const target = { teamId: org.team.id, ...QUARTER, currency: "USD", amount: 1_000 };
    const negative = await setTargetAction({ ...target, amount: -5 });
    expect(negative).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(fields(negative).map((f) => f.field)).toEqual(["amount"]);
    expect(fields(await setTargetAction({ ...target, amount: null })).map((f) => f.field)).toEqual(["amount"]);
    expect(fields(await setTargetAction({ ...target, amount: "lots" })).map((f) => f.field)).toEqual(["amount"]);
    const backwards = await setTargetAction({ ...target, from: "2026-12-31", to: "2026-10-01" });
    expect(fields(backwards)).toEqual([{ field: "to", message: "must be on or after from" }]);
    const currency = await setTargetAction({ ...target, currency: "XYZ" });
    expect(fields(currency)).toEqual([expect.objectContaining({ field: "currency", message: expect.stringMatching(/ISO 4217/) })]);
    expect(fields(await setTargetAction({ ...target, from: "2026-02-30" })).map((f) => f.field)).toEqual(["from"]);
    expect((await settingsOf(org.team.id)).targets).toEqual([]);
  });
});

describe("the deal sizes", () => {
  test("the manager sets both thresholds, the size mix uses them, and clearing them goes back to the percentiles", async () => {
    await signInAs(org.manager);
    expect(await setDealSizesAction({ teamId: org.team.id, rockFrom: 35_000, stoneFrom: 15_000 })).toMatchObject({
      ok: true,
      data: { rockFrom: 35_000, stoneFrom: 15_000 },
    });
    const manager = await actorOf(org.manager);
    expect((await getTargetsPage(manager, org.team.id)).sizes).toMatchObject({ rockFrom: 35_000, stoneFrom: 15_000, set: true });
    const mix = (await getMetrics(manager, { ...QUARTER, teamId: org.team.id })).sizeMix.classes;
    expect(mix.map((c) => [c.size, c.count])).toEqual([
      ["rock", 2],
      ["stone", 2],
      ["pebble", 1],
    ]);
    expect(await setDealSizesAction({ teamId: org.team.id, rockFrom: null, stoneFrom: null })).toMatchObject({
      ok: true,
      data: { rockFrom: null, stoneFrom: null },
    });
    expect((await getTargetsPage(manager, org.team.id)).sizes).toMatchObject({ rockFrom: 42_000, stoneFrom: 26_000, set: false });
  });

  test("an admin sets any team's; a manager not another team's", async () => {
    await signInAs(org.admin);
    expect(await setDealSizesAction({ teamId: org.otherTeam.id, rockFrom: 9, stoneFrom: 3 })).toMatchObject({ ok: true });
    await signInAs(org.manager);
    expect(await setDealSizesAction({ teamId: org.otherTeam.id, rockFrom: 99, stoneFrom: 33 })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect(await settingsOf(org.otherTeam.id)).toMatchObject({ rockFrom: 9, stoneFrom: 3 });
  });

  test("one threshold alone, a rock not larger than a stone, or a negative amount is refused by field", async () => {
    await signInAs(org.manager);
    expect(fields(await setDealSizesAction({ teamId: org.team.id, rockFrom: 10_000, stoneFrom: null }))).toEqual([
      { field: "stoneFrom", message: "give both thresholds, or neither" },
    ]);
    expect(fields(await setDealSizesAction({ teamId: org.team.id, rockFrom: 10_000, stoneFrom: 10_000 }))).toEqual([
      { field: "rockFrom", message: "must be larger than stoneFrom" },
    ]);
    expect(fields(await setDealSizesAction({ teamId: org.team.id, rockFrom: 10_000, stoneFrom: -1 })).map((f) => f.field)).toEqual(["stoneFrom"]);
    expect(await settingsOf(org.team.id)).toMatchObject({ rockFrom: null, stoneFrom: null });
  });
});

describe("the dashboard's scope, checked before the figures stream", () => {
  test("a manager naming another team, or a rep of another team, gets the 403 page; their own team passes", async () => {
    process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS ??= "true";
    const manager = await actorOf(org.manager);
    const now = new Date("2026-12-03T12:00:00Z");
    const refusal = { digest: "NEXT_HTTP_ERROR_FALLBACK;403" };
    await expect(loadScope(manager, { teamId: org.otherTeam.id }, now)).rejects.toMatchObject(refusal);
    await expect(loadScope(manager, { ownerId: org.outsider.id }, now)).rejects.toMatchObject(refusal);
    const own = await loadScope(manager, { teamId: org.team.id, ownerId: org.rep.id }, now);
    expect(own.filters).toMatchObject({ teamId: org.team.id, ownerId: org.rep.id });
    // An admin sees everyone: a rep not of the chosen team is dropped, not refused.
    const admin = await loadScope(await actorOf(org.admin), { teamId: org.team.id, ownerId: org.outsider.id }, now);
    expect(admin.filters).toMatchObject({ teamId: org.team.id, ownerId: undefined });
  });
});
