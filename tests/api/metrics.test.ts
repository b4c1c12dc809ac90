// GET /api/v1/metrics (docs/rules/dashboard.md): the same figures as the dashboard, JSON or CSV; reps
// refused, managers held to their teams, bad dates named.
import Papa from "papaparse";
import { beforeAll, describe, expect, test } from "vitest";
import * as metrics from "@/app/api/v1/metrics/route";
import * as sizes from "@/app/api/v1/teams/[id]/deal-sizes/route";
import * as targets from "@/app/api/v1/teams/[id]/targets/route";
import { db } from "@/src/server/db";
import { insertDeal } from "../support/board";
import { ensureDefaults } from "../support/deals";
import { createOrg } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  const closedAt = new Date("2026-11-10T10:00:00Z");
  await insertDeal(org.rep.id, { name: "Won", amount: 20_000, closeDate: "2026-11-10", stage: "closed_won", status: "won", closedAt });
  const lost = await insertDeal(org.rep.id, {
    name: "Lost",
    amount: 30_000,
    closeDate: "2026-11-10",
    stage: "closed_lost",
    status: "lost",
    closedAt,
  });
  await db().opportunity.update({ where: { id: lost }, data: { lostReasonCategory: "price", lostCompetitor: '=HYPERLINK("http://evil.example")' } });
});

const get = (token: string, query = "from=2026-10-01&to=2026-12-31", headers: Record<string, string> = {}) =>
  call(metrics.GET, { token, path: `/api/v1/metrics?${query}`, headers });

describe("GET /metrics", () => {
  test("a manager gets their team's figures", async () => {
    const res = await get(org.manager.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: { from: "2026-10-01", to: "2026-12-31" }, currency: "USD", unitWinRate: 0.5, valueWinRate: 0.4 });
    expect(res.body.conversionByStage.length).toBeGreaterThan(0);
  });

  test("without dates, this quarter", async () => {
    const res = await get(org.admin.token, "");
    expect(res.status).toBe(200);
    expect(res.body.period.from).toMatch(/^\d{4}-(01|04|07|10)-01$/);
  });

  test("Accept: text/csv answers every figure as CSV rows, formulas defused", async () => {
    const res = await get(org.manager.token, "from=2026-10-01&to=2026-12-31", { accept: "text/csv" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toContain("stageline-metrics-2026-10-01-2026-12-31.csv");
    const rows = Papa.parse<Record<string, string>>(res.body as string, { header: true }).data;
    expect(rows.find((r) => r.section === "win_rate" && r.measure === "unit")?.value).toBe("0.5");
    expect(rows.find((r) => r.section === "win_rate" && r.measure === "value")?.value).toBe("0.4");
    expect(rows.some((r) => r.section === "conversion")).toBe(true);
    // A competitor typed as a formula reaches the sheet as text.
    expect(rows.find((r) => r.section === "loss_competitors")?.item).toBe(`'=HYPERLINK("http://evil.example")`);
  });

  test.each(["rep", "finance"] as const)("a %s gets 403", async (role) => {
    expect((await get(org[role].token)).status).toBe(403);
  });

  test("a manager asking for another team gets 403", async () => {
    expect((await get(org.manager.token, `teamId=${org.otherTeam.id}`)).status).toBe(403);
    expect((await get(org.admin.token, `teamId=${org.otherTeam.id}`)).status).toBe(200);
  });

  test.each([
    ["from=2026-13-01&to=2026-12-31", "query.from"],
    ["from=2026-10-01&to=yesterday", "query.to"],
    ["from=2026-10-01", "query.to"],
    ["to=2026-10-01", "query.from"],
    ["currency=EURO", "query.currency"],
    ["from=2026-12-31&to=2026-10-01", "to"],
  ])("%s is a 400 naming %s", async (query, field) => {
    const res = await get(org.admin.token, query);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: any) => f.field)).toContain(field);
  });
});

describe("a team's targets and deal sizes", () => {
  const put = (token: string, teamId: string, body: unknown) => call(targets.PUT, { token, params: { id: teamId }, body });

  test("the team's manager sets a target; the dashboard's factor reads it", async () => {
    const res = await put(org.manager.token, org.team.id, { from: "2026-10-01", to: "2026-12-31", amount: 120_000, currency: "USD" });
    expect(res.status).toBe(200);
    expect(res.body.targets).toEqual([expect.objectContaining({ from: "2026-10-01", to: "2026-12-31", amount: 120_000, currency: "USD" })]);
    expect((await get(org.manager.token)).body.pipelineValueFactor).toMatchObject({ target: 120_000, remainingTarget: 100_000 });
    expect((await call(targets.GET, { token: org.manager.token, params: { id: org.team.id } })).body.targets).toHaveLength(1);
  });

  test("another team's is not found for a manager, a rep may not, an admin may", async () => {
    const body = { from: "2026-10-01", to: "2026-12-31", amount: 1, currency: "USD" };
    expect((await put(org.manager.token, org.otherTeam.id, body)).status).toBe(404);
    expect((await put(org.rep.token, org.team.id, body)).status).toBe(403);
    expect((await put(org.admin.token, org.otherTeam.id, body)).status).toBe(200);
  });

  test.each([
    [{ from: "2026-10-01", to: "2026-12-31", amount: -1, currency: "USD" }, "amount"],
    [{ from: "2026-10-01", to: "2026-12-31", amount: 1 }, "currency"],
    [{ from: "2026-10-01", to: "2026-09-01", amount: 1, currency: "USD" }, "to"],
  ])("%j is a 400 naming %s", async (body, field) => {
    const res = await put(org.admin.token, org.team.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: any) => f.field)).toContain(field);
  });

  test("deal sizes: both or neither, a rock larger than a stone", async () => {
    const set = (body: unknown) => call(sizes.PUT, { token: org.manager.token, params: { id: org.team.id }, body });
    expect((await set({ rockFrom: 50_000, stoneFrom: 20_000 })).body).toMatchObject({ rockFrom: 50_000, stoneFrom: 20_000 });
    expect((await set({ rockFrom: 10_000, stoneFrom: 20_000 })).status).toBe(400);
    expect((await set({ rockFrom: 10_000, stoneFrom: null })).status).toBe(400);
    expect((await set({ rockFrom: null, stoneFrom: null })).body).toMatchObject({ rockFrom: null, stoneFrom: null });
  });
});
