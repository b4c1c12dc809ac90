// Moving the open deals of an older process version onto the latest
// (docs/rules/sales-process.md#moving-open-deals-onto-the-latest-version): the preview, the move
// through the write path with a history entry, and the deals that stay put.
import { beforeAll, describe, expect, test } from "vitest";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as moves from "@/app/api/v1/processes/[key]/deal-moves/route";
import * as processes from "@/app/api/v1/processes/route";
import { STANDARD_B2B } from "@/src/domain/process/templates";
import { db } from "@/src/server/db";
import { moveDeals } from "@/src/server/process/move-deals";
import { actorOf, insertDeal } from "../support/board";
import { ensureDefaults } from "../support/deals";
import { createOrg } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
const ids: Record<string, string> = {};
let v1 = "";
let v2 = "";
const params = { params: { key: "standard_b2b" } };
const asAdmin = (handler: any, options: Record<string, unknown> = {}) => call(handler, { token: org.admin.token, ...params, ...options });
const closeDate = "2027-06-30" as const;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  ids.first = await insertDeal(org.rep.id, { name: "In the first stage", amount: 100, closeDate, stage: "identify" });
  ids.big = await insertDeal(org.rep.id, { name: "Big enough", amount: 5000, closeDate, stage: "qualify" });
  ids.small = await insertDeal(org.rep.id, { name: "Too small", amount: 500, closeDate, stage: "qualify" });
  ids.gone = await insertDeal(org.rep.id, { name: "In a stage that is gone", amount: 9000, closeDate, stage: "finalize" });
  ids.won = await insertDeal(org.rep.id, { name: "Won", amount: 9000, closeDate, stage: "closed_won", status: "won", closedAt: new Date() });
  v1 = (await db().opportunity.findUniqueOrThrow({ where: { id: ids.first } })).processVersionId;
  // Version 2: Identify asks for an amount over 1,000 instead; Deliver/Finalize gets another key.
  const definition = structuredClone(STANDARD_B2B) as any;
  definition.stages[0].exitCriteria = [
    { key: "big_enough", label: "Over 1,000", type: "field", field: "amount", condition: { op: "gt", value: 1000 } },
  ];
  definition.stages[4].key = "deliver";
  const res = await call(processes.POST, { token: org.admin.token, body: { definition, makeDefault: true } });
  expect(res.status).toBe(201);
  v2 = res.body.id;
});

const byId = (items: any[]) => Object.fromEntries(items.map((i) => [i.id, i]));

test("only an admin previews and moves deals", async () => {
  for (const who of ["rep", "manager", "finance"] as const) {
    expect((await call(moves.GET, { token: org[who].token, ...params })).status).toBe(403);
    expect((await call(moves.POST, { token: org[who].token, ...params, body: {} })).status).toBe(403);
  }
  expect((await db().opportunity.findUniqueOrThrow({ where: { id: ids.first } })).processVersionId).toBe(v1);
});

test("an unknown process is 404; a bad version or list is 400", async () => {
  expect((await asAdmin(moves.GET, { params: { key: "no_such_process" } })).status).toBe(404);
  expect((await asAdmin(moves.GET, { path: "/api/v1/x?fromVersion=zero" })).status).toBe(400);
  expect((await asAdmin(moves.POST, { body: { dealIds: [] } })).status).toBe(400);
});

describe("moving the open deals of version 1 onto version 2", () => {
  test("the preview: each open deal, whether it moves, and why the others stay", async () => {
    const res = await asAdmin(moves.GET);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ processKey: "standard_b2b", toVersion: 2, moves: 2, stays: 2 });
    const items = byId(res.body.items);
    expect(Object.keys(items).sort()).toEqual([ids.first, ids.big, ids.small, ids.gone].sort());
    expect(items[ids.first]).toEqual({
      id: ids.first,
      name: "In the first stage",
      ownerName: expect.any(String),
      stage: "identify",
      fromVersion: 1,
      outcome: "moves",
    });
    expect(items[ids.big]).toMatchObject({ stage: "qualify", outcome: "moves" });
    expect(items[ids.small]).toMatchObject({
      outcome: "stays",
      reason: "criteria_unmet",
      unmet: [{ stage: "identify", key: "big_enough", label: "Over 1,000", type: "field" }],
    });
    expect(items[ids.gone]).toMatchObject({ stage: "finalize", outcome: "stays", reason: "stage_missing", unmet: [] });
    // A preview changes nothing.
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: ids.first } })).processVersionId).toBe(v1);
    expect((await asAdmin(moves.GET, { path: "/api/v1/x?fromVersion=2" })).body.items).toEqual([]);
  });

  test("the move: the deals that may move follow version 2, in their stage, with a history entry; the others stay", async () => {
    const before = await db().opportunity.findUniqueOrThrow({ where: { id: ids.big } });
    const res = await asAdmin(moves.POST, { body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ toVersion: 2, moves: 2, stays: 2 });
    const items = byId(res.body.items);
    expect(items[ids.big]).toMatchObject({ outcome: "moved", fromVersion: 1 });
    expect(items[ids.small]).toMatchObject({ outcome: "stays", reason: "criteria_unmet" });

    const deals = await db().opportunity.findMany({ where: { id: { in: Object.values(ids) } } });
    const versionOf = Object.fromEntries(deals.map((d) => [d.id, d.processVersionId]));
    expect(versionOf).toEqual({ [ids.first]: v2, [ids.big]: v2, [ids.small]: v1, [ids.gone]: v1, [ids.won]: v1 });
    const after = deals.find((d) => d.id === ids.big)!;
    expect(after).toMatchObject({ stageKey: "qualify", version: before.version + 1, stageEnteredAt: before.stageEnteredAt });

    const history = await db().historyEntry.findMany({ where: { opportunityId: ids.big, type: "process_changed" } });
    expect(history).toEqual([
      expect.objectContaining({
        actorId: org.admin.id,
        fromStage: "qualify",
        toStage: "qualify",
        details: { processKey: "standard_b2b", fromVersion: 1, toVersion: 2 },
      }),
    ]);
    const audit = await db().auditEntry.findMany({ where: { action: "process.deals_moved" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: org.admin.id, objectType: "process", after: { key: "standard_b2b", version: 2 } });
    expect((audit[0]!.after as { deals: string[] }).deals.sort()).toEqual([ids.first, ids.big].sort());

    // The deal now reads its criteria from version 2.
    const read = await call(one.GET, { token: org.rep.token, params: { id: ids.first } });
    expect(read.body.processVersionId).toBe(v2);
    expect(read.body.exitCriteria.map((c: any) => c.key)).toEqual(["big_enough"]);
  });

  test("each deal is decided again when moved: one that now meets the criteria moves; named deals only", async () => {
    await db().opportunity.update({ where: { id: ids.small }, data: { amountCents: 200000n } });
    const named = await asAdmin(moves.POST, { body: { dealIds: [ids.gone] } });
    expect(named.body).toMatchObject({ moves: 0, stays: 1, items: [{ id: ids.gone, outcome: "stays", reason: "stage_missing" }] });
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: ids.small } })).processVersionId).toBe(v1);

    const res = await asAdmin(moves.POST, { body: { fromVersion: 1 } });
    expect(res.body).toMatchObject({ moves: 1, stays: 1 });
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: ids.small } })).processVersionId).toBe(v2);
    // Nothing left to move writes nothing.
    const count = await db().auditEntry.count({ where: { action: "process.deals_moved" } });
    expect((await asAdmin(moves.POST, { body: { dealIds: [ids.gone] } })).body.moves).toBe(0);
    expect(await db().auditEntry.count({ where: { action: "process.deals_moved" } })).toBe(count);
  });
});

test("the list of processes counts each version's deals and open deals", async () => {
  const list = await call(processes.GET, { token: org.admin.token });
  const versions = list.body.items.find((p: any) => p.key === "standard_b2b").versions;
  const open = await db().opportunity.count({ where: { processVersionId: v1, status: "open" } });
  const all = await db().opportunity.count({ where: { processVersionId: v1 } });
  expect(open).toBeLessThan(all);
  expect(versions.find((v: any) => v.id === v1)).toMatchObject({ opportunities: all, openOpportunities: open });
});

test("a long list is moved in batches, one transaction and one audit entry each", async () => {
  const more = [];
  for (const name of ["One", "Two", "Three"]) more.push(await insertDeal(org.rep.id, { name, amount: 100, closeDate, stage: "identify" }));
  const res = await call(processes.POST, { token: org.admin.token, body: { template: "standard_b2b", makeDefault: true } });
  const before = await db().auditEntry.count({ where: { action: "process.deals_moved" } });
  const done = await moveDeals(await actorOf(org.admin), "standard_b2b", { dealIds: more }, { batchSize: 2 });
  expect(done).toMatchObject({ toVersion: 3, moves: 3, stays: 0 });
  const entries = await db().auditEntry.findMany({ where: { action: "process.deals_moved" }, orderBy: { at: "asc" }, skip: before });
  // Two entries: the first two deals, then the third (two batches may share a millisecond, so by size).
  const batches = entries.map((e) => (e.after as { deals: string[] }).deals).sort((x, y) => y.length - x.length);
  expect(batches).toEqual([more.slice(0, 2), more.slice(2)]);
  expect(await db().opportunity.count({ where: { id: { in: more }, processVersionId: res.body.id } })).toBe(3);
});
