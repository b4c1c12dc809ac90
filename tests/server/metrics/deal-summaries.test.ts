// The dashboard's summaries of the deals (src/server/metrics/deal-summaries.ts,
// docs/decisions/011-dashboard-deal-summaries.md): kept in step with the deals by every write, the
// demo data and a CSV import included, and rebuilding them from the deals alone gives exactly the
// same figures; a summary written around its triggers is found and mended.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { beforeAll, expect, test } from "vitest";
import * as imports from "@/app/api/v1/imports/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { database, db } from "@/src/server/db";
import { seedDemoData } from "@/src/server/demo/seed-demo";
import { conversionByStage } from "@/src/server/metrics/compute-metrics";
import { dealSummariesDrift, rebuildDealSummaries } from "@/src/server/metrics/deal-summaries";
import { getMetrics } from "@/src/server/metrics/get-metrics";
import { type MetricsScope, resolveMetricsScope } from "@/src/server/metrics/metrics-scope";
import { actorOf } from "../../support/board";
import { createDeal, currentVersion, ensureDefaults, satisfyStages } from "../../support/deals";
import { createTeam, createUser, type TestUser } from "../../support/fixtures";
import { call } from "../../support/http";

// The demo's documents are written to the file storage: a folder of this test's own.
process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-summaries-"));

const OPEN = ["identify", "qualify", "propose", "negotiate", "finalize"];
const lost = { reasonCategory: "price", explanation: "Too dear", competitor: "none", missingFunctionality: "none" };
const today = new Date().toISOString().slice(0, 10);

let manager: TestUser;
let rep: TestUser;
let teamId: string;

beforeAll(async () => {
  await ensureDefaults();
  await seedDemoData(database(), { now: new Date() });
  const team = await createTeam();
  teamId = team.id;
  manager = await createUser({ role: "manager", teamId });
  await db().team.update({ where: { id: teamId }, data: { managerId: manager.id } });
  rep = await createUser({ role: "rep", teamId });
});

async function move(id: string, toStage: string, extra: Record<string, unknown> = {}) {
  const res = await call(transitions.POST, { token: rep.token, params: { id }, body: { version: await currentVersion(id), toStage, ...extra } });
  if (res.status !== 200) throw new Error(`move to ${toStage}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A deal of the rep's, moved to `end` through the open stages up to `last`. */
async function dealTo(amount: number, last: string, end?: "closed_won" | "closed_lost", extra: Record<string, unknown> = {}) {
  const deal = await createDeal(rep.token, { amount, ...extra });
  await satisfyStages(deal.id, OPEN, rep.id);
  for (const stage of OPEN.slice(1, OPEN.indexOf(last) + 1)) await move(deal.id, stage);
  if (end) await move(deal.id, end, end === "closed_won" ? { won: { whyWon: "Best fit" } } : { lost });
  return deal.id;
}

/** The team's scope over every deal closed until today, as the dashboard resolves it. */
const teamScope = async (): Promise<MetricsScope> =>
  resolveMetricsScope(database().sql, await actorOf(manager), { from: "2020-01-01", to: today }, { teamId });

/** The figures that read the summaries: the main currency, and the conversion over closed history (the value factor's). */
async function figures() {
  const actor = await actorOf(manager);
  const all = await getMetrics(actor, { teamId, from: "2020-01-01", to: today });
  const scope = await teamScope();
  return {
    currency: all.currency,
    factor: all.pipelineValueFactor.stages,
    history: await conversionByStage(database().sql, scope, all.currency, "history"),
    eur: await conversionByStage(database().sql, scope, "EUR", "history"),
  };
}

test("the demo data is loaded with its summaries in step", async () => {
  expect(await db().opportunity.count()).toBeGreaterThan(0);
  expect(await dealSummariesDrift(database().sql)).toEqual([]);
});

test("every kind of write keeps the summaries: creation, moves, wins, losses, a re-open, and changes made in SQL", async () => {
  const q = database().sql;
  const won = await dealTo(20_000, "finalize", "closed_won");
  const lostDeal = await dealTo(40_000, "propose", "closed_lost");
  const reopened = await dealTo(15_000, "qualify", "closed_lost");
  await move(reopened, "qualify", { reason: "They called back" });
  await dealTo(10_000, "negotiate");
  const euro = await dealTo(30_000, "finalize", "closed_won", { currency: "EUR" });
  expect(await dealSummariesDrift(q)).toEqual([]);

  const before = await figures();
  expect(before.currency).toBe("USD");
  expect(before.history.find((s) => s.stage === "propose")).toMatchObject({ reached: 3, won: 2, reachedValue: 60_000, wonValue: 20_000 });
  expect(before.eur.find((s) => s.stage === "propose")).toMatchObject({ reached: 3, won: 2, reachedValue: 30_000, wonValue: 30_000 });

  // Changes no screen makes, written straight to the deals: the triggers keep the summaries all the same.
  await sql`UPDATE "Opportunity" SET "amountCents" = 5000000 WHERE "id" = ${won}`.execute(q);
  await sql`UPDATE "Opportunity" SET "closedAt" = "closedAt" - interval '400 days' WHERE "id" = ${lostDeal}`.execute(q);
  await sql`UPDATE "Opportunity" SET "currency" = 'EUR' WHERE "id" = ${lostDeal}`.execute(q);
  await sql`DELETE FROM "Opportunity" WHERE "id" = ${euro}`.execute(q);
  expect(await dealSummariesDrift(q)).toEqual([]);
  const after = await figures();
  // Counts take every currency, values only the one asked for.
  expect(after.history.find((s) => s.stage === "propose")).toMatchObject({ reached: 2, won: 1, reachedValue: 50_000, wonValue: 50_000 });
  expect(after.eur.find((s) => s.stage === "propose")).toMatchObject({ reached: 2, won: 1, reachedValue: 40_000, wonValue: 0 });

  // Another owner: the deals move to them in both summaries.
  const other = await createUser({ role: "rep", teamId: (await createTeam()).id });
  await sql`UPDATE "Opportunity" SET "ownerId" = ${other.id} WHERE "ownerId" = ${rep.id}`.execute(q);
  expect(await dealSummariesDrift(q)).toEqual([]);
  expect((await figures()).history.every((s) => s.reached === 0)).toBe(true);
  await sql`UPDATE "Opportunity" SET "ownerId" = ${rep.id} WHERE "ownerId" = ${other.id}`.execute(q);
  expect(await figures()).toEqual(after);
});

test("deals inserted many at once, and a CSV import of closed deals, are counted", async () => {
  const q = database().sql;
  const version = (await teamScope()).process.versionId;
  await sql`INSERT INTO "Opportunity" ("id", "name", "accountName", "amountCents", "currency", "closeDate", "originalCloseDate", "ownerId",
      "processVersionId", "stageKey", "stageEnteredAt", "status", "closedAt", "reachedStages", "createdAt", "updatedAt")
    SELECT 'bulk-' || i, 'Bulk ' || i, 'Bulk account', 100000 * i, CASE WHEN i % 2 = 0 THEN 'USD' ELSE 'EUR' END, CURRENT_DATE, CURRENT_DATE,
      ${rep.id}, ${version}, CASE WHEN i % 3 = 0 THEN 'closed_won' ELSE 'closed_lost' END, now(),
      CAST(CASE WHEN i % 3 = 0 THEN 'won' ELSE 'lost' END AS "OpportunityStatus"), now() - i * interval '20 days',
      ARRAY['identify', 'qualify', 'propose'], now(), now()
    FROM generate_series(1, 40) i`.execute(q);
  expect(await dealSummariesDrift(q)).toEqual([]);

  const csv = [
    '"Opportunity ID","Opportunity Name","Account Name","Amount","Close Date","Stage","Opportunity Owner"',
    `"imp-1","Acme","Acme","12000","1/15/2026","Closed Won","${rep.email}"`,
    `"imp-2","Globex","Globex","8,000.00","2/10/2026","Closed Lost","${rep.email}"`,
    `"imp-3","Initech","Initech","5000","3/31/2027","Negotiation/Review","${rep.email}"`,
  ].join("\r\n");
  const form = new FormData();
  form.set("file", new Blob([csv], { type: "text/csv" }), "export.csv");
  form.set("source", "salesforce");
  form.set("dryRun", "false");
  const admin = await createUser({ role: "admin" });
  const res = await imports.POST(
    new Request("http://localhost/api/v1/imports", { method: "POST", body: form, headers: { authorization: `Bearer ${admin.token}` } }),
    { params: Promise.resolve({}) },
  );
  expect(res.status).toBe(200);
  expect(
    await db().opportunity.count({ where: { externalSource: "salesforce", externalId: { startsWith: "imp-" }, status: { in: ["won", "lost"] } } }),
  ).toBe(2);
  expect(await dealSummariesDrift(q)).toEqual([]);
});

test("rebuilding the summaries from the deals gives exactly the same figures, and mends a summary written around its triggers", async () => {
  const q = database().sql;
  const kept = await figures();
  expect(kept.history.some((s) => s.reached > 0)).toBe(true);
  expect(await rebuildDealSummaries(q)).toBeGreaterThan(0);
  expect(await dealSummariesDrift(q)).toEqual([]);
  expect(await figures()).toEqual(kept);

  // Writes that bypass the triggers (none in the app does): the drift is found, and the rebuild mends it.
  await sql`UPDATE "ClosedStageCount" SET "reached" = "reached" + 1 WHERE "ownerId" = ${rep.id} AND "stage" = 'qualify'`.execute(q);
  await sql`UPDATE "DealCurrencyCount" SET "deals" = "deals" + 1000 WHERE "ownerId" = ${rep.id} AND "currency" = 'EUR'`.execute(q);
  // The totals follow the months (a trigger on them), so the write above moved qualify's total too;
  // a write to the totals alone, on a stage whose months are untouched, is found of its own.
  await sql`UPDATE "ClosedStageTotal" SET "wonCents" = "wonCents" + 500 WHERE "ownerId" = ${rep.id} AND "stage" = 'propose'`.execute(q);
  const drift = await dealSummariesDrift(q);
  const drifted = (summary: string, stage: string) =>
    drift.some((d) => d.summary === summary && d.key.startsWith(`${rep.id}/`) && d.key.endsWith(`/${stage}`));
  expect(drifted("ClosedStageCount", "qualify")).toBe(true);
  expect(drifted("ClosedStageTotal", "qualify")).toBe(true);
  expect(drifted("ClosedStageCount", "propose")).toBe(false);
  expect(drifted("ClosedStageTotal", "propose")).toBe(true);
  expect(drift.map((d) => d.summary)).toContain("DealCurrencyCount");
  expect(await figures()).not.toEqual(kept);
  await rebuildDealSummaries(q);
  expect(await dealSummariesDrift(q)).toEqual([]);
  expect(await figures()).toEqual(kept);
});

test("the conversion over closed history up to any day, from the totals less the months since, is the deals' own", async () => {
  const q = database().sql;
  // Closes spread over past months (the summaries follow any change of a deal, in SQL too).
  const ids = [
    await dealTo(31_000, "qualify", "closed_won"),
    await dealTo(12_500, "propose", "closed_lost"),
    await dealTo(47_000, "negotiate", "closed_won"),
    await dealTo(8_000, "qualify", "closed_lost", { currency: "EUR" }),
  ];
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  for (const [i, id] of ids.entries()) {
    await sql`UPDATE "Opportunity" SET "closedAt" = ${daysAgo(20 + 70 * i)} WHERE "id" = ${id}`.execute(q);
  }
  expect(await dealSummariesDrift(q)).toEqual([]);

  const base = await teamScope();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  // Each end: the period's last day. Today (no month subtracted), the day before this month, and days
  // inside earlier months (those months and every later one subtracted, the days of the month read).
  const ends = [
    today,
    day(new Date(Date.parse(firstOfMonth) - 86_400_000)),
    day(daysAgo(45)),
    day(daysAgo(100)),
    day(daysAgo(230)),
    day(daysAgo(800)),
  ];
  for (const currency of ["USD", "EUR"]) {
    for (const to of ends) {
      const scope = { ...base, period: { from: "2020-01-01", to } };
      const end = new Date(Date.parse(to) + 86_400_000);
      const deals = await db().opportunity.findMany({
        where: { owner: { teamId }, processVersionId: { in: base.versionIds }, status: { in: ["won", "lost"] }, closedAt: { lt: end } },
        select: { status: true, amountCents: true, currency: true, reachedStages: true },
      });
      const expected = OPEN.map((stage) => {
        const reached = deals.filter((d) => d.reachedStages.includes(stage));
        const won = reached.filter((d) => d.status === "won");
        const cents = (of: typeof deals) => Number(of.filter((d) => d.currency === currency).reduce((sum, d) => sum + d.amountCents, 0n)) / 100;
        return { stage, reached: reached.length, won: won.length, reachedValue: cents(reached), wonValue: cents(won) };
      });
      const got = (await conversionByStage(q, scope, currency, "history")).map(({ stage, reached, won, reachedValue, wonValue }) => ({
        stage,
        reached,
        won,
        reachedValue,
        wonValue,
      }));
      expect(got, `${currency} up to ${to}`).toEqual(expected);
    }
  }
  // The deals moved back in time are in some ends' history and not in others'.
  expect(new Set(ends.map((to) => ids.filter((_, i) => day(daysAgo(20 + 70 * i)) <= to).length)).size).toBeGreaterThan(2);
});
