// GET /api/v1/metrics/deals (docs/rules/dashboard.md, "The deals behind a number"): the deals behind
// one number, paged with a cursor, or every one as CSV; reps refused, managers held to their teams.
import Papa from "papaparse";
import { beforeAll, describe, expect, test } from "vitest";
import * as dealsRoute from "@/app/api/v1/metrics/deals/route";
import { insertDeal } from "../support/board";
import { ensureDefaults } from "../support/deals";
import { createOrg } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
const PERIOD = "from=2026-10-01&to=2026-12-31";

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  const closedAt = new Date("2026-11-10T10:00:00Z");
  for (const [name, amount] of [
    ["Won one", 20_000],
    ["Won two", 5_000],
    ["=Won three", 1_000],
  ] as const)
    await insertDeal(org.rep.id, { name, amount, closeDate: "2026-11-10", stage: "closed_won", status: "won", closedAt });
  await insertDeal(org.rep.id, { name: "Lost", amount: 30_000, closeDate: "2026-11-10", stage: "closed_lost", status: "lost", closedAt });
});

const get = (token: string, query: string, headers: Record<string, string> = {}) =>
  call(dealsRoute.GET, { token, path: `/api/v1/metrics/deals?${query}`, headers });

describe("GET /metrics/deals", () => {
  test("a manager pages through their team's deals behind a number with the cursor", async () => {
    const first = await get(org.manager.token, `${PERIOD}&figure=won&sort=amount&direction=desc&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ label: "Won in the period", total: 3, value: 26_000, currency: "USD", nextCursor: "2" });
    expect(first.body.items.map((d: any) => d.name)).toEqual(["Won one", "Won two"]);
    const second = await get(org.manager.token, `${PERIOD}&figure=won&sort=amount&direction=desc&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((d: any) => d.name)).toEqual(["=Won three"]);
    expect(second.body.nextCursor).toBeNull();
  });

  test("Accept: text/csv answers every deal of the list, formulas defused", async () => {
    const res = await get(org.manager.token, `${PERIOD}&figure=won&limit=1`, { accept: "text/csv" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toContain("stageline-deals-won-2026-10-01-2026-12-31.csv");
    const rows = Papa.parse<Record<string, string>>(res.body as string, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.name).sort()).toEqual(["'=Won three", "Won one", "Won two"]);
  });

  test.each(["rep", "finance"] as const)("a %s gets 403", async (role) => {
    expect((await get(org[role].token, `${PERIOD}&figure=won`)).status).toBe(403);
  });

  test("a manager asking for another team's deals gets 403, an admin gets them", async () => {
    expect((await get(org.manager.token, `${PERIOD}&figure=won&teamId=${org.otherTeam.id}`)).status).toBe(403);
    expect((await get(org.admin.token, `${PERIOD}&figure=won&teamId=${org.otherTeam.id}`)).status).toBe(200);
  });

  test("the deals behind a size and behind a step of the movement, with what the value means", async () => {
    const rocks = await get(org.manager.token, `${PERIOD}&figure=size&kind=rock`);
    expect(rocks.status).toBe(200);
    expect(rocks.body).toMatchObject({ label: expect.stringMatching(/^Rocks/), total: 0, value: 0, valueNote: null });
    const won = await get(org.manager.token, `${PERIOD}&figure=movement&kind=won&since=2026-10-01`);
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ label: "Won from the pipeline since 2026-10-01", valueNote: expect.stringMatching(/taken out/) });
    const csv = await get(org.manager.token, `${PERIOD}&figure=movement&kind=now&since=2026-10-01`, { accept: "text/csv" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain("stageline-deals-movement-now-2026-10-01-2026-10-01-2026-12-31.csv");
    expect((csv.body as string).split("\n")[0]).toContain("amountThen");
  });

  test.each(["figure=size&kind=rock", "figure=movement&kind=start&since=2026-10-01"])("%s: a rep gets 403", async (query) => {
    expect((await get(org.rep.token, `${PERIOD}&${query}`)).status).toBe(403);
  });

  test.each([
    ["figure=size&kind=boulder", "query.kind"],
    ["figure=size&kind=won", "query.kind"],
    ["figure=size", "kind"],
    ["figure=movement&kind=rock&since=2026-10-01", "query.kind"],
    ["figure=movement&kind=won", "query.since"],
    ["figure=movement&kind=won&since=2026-13-01", "query.since"],
    ["figure=movement&since=2026-10-01", "kind"],
    ["figure=integrity&kind=rock", "query.kind"],
    ["figure=everything", "query.figure"],
    ["figure=balance", "stage"],
    ["figure=integrity&kind=bogus", "query.kind"],
    ["figure=won&sort=owner", "query.sort"],
    ["figure=won&cursor=abc", "cursor"],
    ["figure=won&from=2026-10-01", "query.to"],
  ])("%s is a 400 naming %s", async (query, field) => {
    const res = await get(org.admin.token, query);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: any) => f.field)).toContain(field);
  });
});
