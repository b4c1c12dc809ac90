// GET /api/v1/metrics (docs/rules/dashboard.md): the same figures as the dashboard, JSON or CSV; reps
// refused, managers held to their teams, bad dates named.
import Papa from "papaparse";
import { beforeAll, describe, expect, test } from "vitest";
import * as metrics from "@/app/api/v1/metrics/route";
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
