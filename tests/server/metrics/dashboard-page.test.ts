// The dashboard's pages around the figures: the filters read from the URL, the filters' choices per
// role, the links from a number to its deals, and the two CSV downloads (the figures, and the deals
// behind a number) for the signed-in user, refused to reps, the signed-out and another team's manager.
import Papa from "papaparse";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { GET as exportDeals } from "@/app/dashboard/deals/export/route";
import { dealsBehindRequest, readFigure } from "@/app/dashboard/deals/figure-query";
import { dealsHref, periodOf, readFilters } from "@/app/dashboard/dashboard-query";
import { GET as exportFigures } from "@/app/dashboard/export/route";
import { toCalendarDate } from "@/src/domain/dates";
import { presetPeriod } from "@/src/domain/metrics/period";
import { dashboardOptions } from "@/src/server/metrics/dashboard-options";
import { signInAs, signOut } from "../../support/action-session";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);

let org: Awaited<ReturnType<typeof createOrg>>;
const closedAt = new Date();

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  const today = toCalendarDate(closedAt);
  await insertDeal(org.rep.id, { name: "Won here", amount: 12_000, closeDate: today, stage: "closed_won", status: "won", closedAt });
  await insertDeal(org.rep.id, { name: '=cmd|" /C calc"!A0', amount: 3_000, closeDate: today, stage: "closed_won", status: "won", closedAt });
  await insertDeal(org.outsider.id, { name: "Won elsewhere", amount: 50_000, closeDate: today, stage: "closed_won", status: "won", closedAt });
});

describe("the filters in the URL", () => {
  const NOW = new Date("2026-12-03T12:00:00Z");

  test("this quarter by default; a preset; a custom range; a bad custom range falls back with a reason", () => {
    expect(periodOf(readFilters({}), NOW)).toEqual({ period: { from: "2026-10-01", to: "2026-12-31" }, problem: null });
    expect(periodOf(readFilters({ period: "last_quarter" }), NOW).period).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(periodOf(readFilters({ period: "custom", from: "2026-01-15", to: "2026-02-15" }), NOW).period).toEqual({
      from: "2026-01-15",
      to: "2026-02-15",
    });
    // from and to without a period are a custom range, as the API reads them.
    expect(readFilters({ from: "2026-01-15", to: "2026-02-15" }).period).toBe("custom");
    const backwards = periodOf(readFilters({ period: "custom", from: "2026-03-01", to: "2026-02-01" }), NOW);
    expect(backwards.period).toEqual(presetPeriod("this_quarter", "2026-12-03"));
    expect(backwards.problem).toMatch(/on or after/);
    expect(periodOf(readFilters({ period: "custom", from: "nonsense" }), NOW).problem).toMatch(/both/);
    expect(readFilters({ period: "forever", teamId: " ", ownerId: "u1" })).toEqual({ period: "this_quarter", ownerId: "u1" });
  });

  test("a number's link carries the scope and which figure", () => {
    const href = dealsHref(
      { period: "custom", from: "2026-01-01", to: "2026-03-31", teamId: "t1" },
      { figure: "loss_category", name: "price & terms" },
    );
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/dashboard/deals");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      period: "custom",
      from: "2026-01-01",
      to: "2026-03-31",
      teamId: "t1",
      figure: "loss_category",
      name: "price & terms",
    });
    expect(readFigure(Object.fromEntries(url.searchParams))).toEqual({
      ref: { figure: "loss_category", name: "price & terms" },
      sort: "closeDate",
      direction: "asc",
      page: 1,
    });
    expect(() => readFigure({ figure: "everything" })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });

  test("a movement's link carries its step and the day it starts from; without that day, the list starts at the period's", () => {
    const filters = { period: "this_quarter" as const, teamId: "t1" };
    const url = new URL(dealsHref(filters, { figure: "movement", kind: "pushed", since: "2026-10-01" }), "http://x");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      period: "this_quarter",
      teamId: "t1",
      figure: "movement",
      kind: "pushed",
      since: "2026-10-01",
    });
    const figure = readFigure(Object.fromEntries(url.searchParams));
    expect(figure.ref).toEqual({ figure: "movement", kind: "pushed", since: "2026-10-01" });
    const period = { from: "2026-07-01", to: "2026-09-30" };
    expect(dealsBehindRequest(period, filters, figure, { limit: 50 })).toMatchObject({ figure: "movement", kind: "pushed", since: "2026-10-01" });
    const { since: _, ...withoutSince } = figure.ref;
    expect(dealsBehindRequest(period, filters, { ...figure, ref: withoutSince }, { limit: 50 })).toMatchObject({ since: "2026-07-01" });
    // Other figures get no since.
    expect(dealsBehindRequest(period, filters, readFigure({ figure: "size", kind: "rock" }), { limit: 50 }).since).toBeUndefined();
  });
});

describe("the filters' choices", () => {
  test("a manager gets their teams and their people; an admin every team, and a team's people once chosen", async () => {
    const mine = await dashboardOptions(await actorOf(org.manager));
    expect(mine.teams.map((t) => t.id)).toEqual([org.team.id]);
    expect(mine.people.map((p) => p.id).sort()).toEqual([org.manager.id, org.rep.id, org.teammate.id].sort());
    expect(mine.processes.length).toBeGreaterThan(0);
    const all = await dashboardOptions(await actorOf(org.admin));
    expect(all.teams.map((t) => t.id)).toEqual(expect.arrayContaining([org.team.id, org.otherTeam.id]));
    expect(all.people).toEqual([]);
    expect((await dashboardOptions(await actorOf(org.admin), org.otherTeam.id)).people.map((p) => p.id)).toEqual([org.outsider.id]);
    // A manager naming another team gets none of its people.
    expect((await dashboardOptions(await actorOf(org.manager), org.otherTeam.id)).people).toEqual([]);
  });

  test("a rep or the deal desk gets none", async () => {
    await expect(dashboardOptions(await actorOf(org.rep))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(dashboardOptions(await actorOf(org.finance))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the CSV downloads", () => {
  const get = (route: (req: Request) => Promise<Response>, query: string) => route(new Request(`http://localhost/dashboard/x?${query}`));

  test("the figures of the manager's team, as the API's CSV", async () => {
    await signInAs(org.manager);
    const res = await get(exportFigures, "period=this_quarter");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="stageline-metrics-\d{4}-\d\d-01-\d{4}-\d\d-\d\d\.csv"/);
    const rows = Papa.parse<Record<string, string>>(await res.text(), { header: true }).data;
    expect(rows.find((r) => r.section === "win_rate" && r.measure === "won")?.value).toBe("2");
    expect(rows.find((r) => r.section === "win_rate" && r.measure === "wonValue")?.value).toBe("15000");
  });

  test("the deals behind a number, every one, formulas defused", async () => {
    await signInAs(org.manager);
    const res = await get(exportDeals, "period=this_quarter&figure=won&sort=amount&direction=desc");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="stageline-deals-won-/);
    const rows = Papa.parse<Record<string, string>>(await res.text(), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.name, r.amount])).toEqual([
      ["Won here", "12000"],
      [`'=cmd|" /C calc"!A0`, "3000"],
    ]);
  });

  test("the deals behind a step of the movement, with each deal's amount then", async () => {
    await signInAs(org.manager);
    const res = await get(exportDeals, "period=this_quarter&figure=movement&kind=won");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="stageline-deals-movement-won-\d{4}-\d\d-01-/);
    const parsed = Papa.parse<Record<string, string>>(await res.text(), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toContain("amountThen");
  });

  test("refused: signed out 401, a rep 403, another team 403, an unknown figure 400", async () => {
    signOut();
    expect((await get(exportFigures, "")).status).toBe(401);
    expect((await get(exportDeals, "figure=won")).status).toBe(401);
    await signInAs(org.rep);
    expect((await get(exportFigures, "")).status).toBe(403);
    expect((await get(exportDeals, "figure=won")).status).toBe(403);
    await signInAs(org.manager);
    expect((await get(exportDeals, `figure=won&teamId=${org.otherTeam.id}`)).status).toBe(403);
    expect((await get(exportFigures, `teamId=${org.otherTeam.id}`)).status).toBe(403);
    expect((await get(exportDeals, "figure=everything")).status).toBe(400);
    expect((await get(exportDeals, "figure=balance")).status).toBe(400);
    expect((await get(exportDeals, "figure=size&kind=boulder")).status).toBe(400);
    expect((await get(exportDeals, "figure=movement&kind=sideways")).status).toBe(400);
  });
});
