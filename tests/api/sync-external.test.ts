// Sync by external id (docs/rules/sync.md): PUT creates or updates the deal mirroring a CRM record,
// with the create, update and move rules; GET reads it with the visibility of GET /opportunities/{id}.
import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import * as byExternal from "@/app/api/v1/opportunities/by-external/[source]/[externalId]/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as list from "@/app/api/v1/opportunities/route";
import * as processes from "@/app/api/v1/processes/route";
import { STANDARD_B2B } from "@/src/domain/process/templates/standard-b2b";
import { db } from "@/src/server/db";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { dealBody, ensureDefaults, satisfyStages } from "../support/deals";
import { insertDeal } from "../support/board";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const newRecordId = () => `0065g${crypto.randomUUID().replace(/-/g, "").slice(0, 13)}`;
const path = (source: string, externalId: string) => `/api/v1/opportunities/by-external/${source}/${encodeURIComponent(externalId)}`;

const put = (token: string, externalId: string, body: unknown, source = "salesforce") =>
  call(byExternal.PUT, { token, method: "PUT", path: path(source, externalId), params: { source, externalId }, body });
const get = (token: string, externalId: string, source = "salesforce") =>
  call(byExternal.GET, { token, path: path(source, externalId), params: { source, externalId } });
const historyOf = (id: string) => db().historyEntry.findMany({ where: { opportunityId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] });

/** A deal in any stage mirroring a new Salesforce record, written straight to the database. */
async function mirroredDealIn(stage: string, ownerId = org.rep.id) {
  const externalId = newRecordId();
  const id = await insertDeal(ownerId, { name: "Mirrored", amount: 20000, closeDate: "2027-06-30", stage });
  await db().opportunity.update({ where: { id }, data: { externalSource: "salesforce", externalId } });
  return { id, externalId };
}

describe("PUT without a version creates", () => {
  test("the deal, in the first stage, owned by the rep, with its record in the answer and the history", async () => {
    const externalId = newRecordId();
    const res = await put(org.rep.token, externalId, dealBody({ amount: 1500.5 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Platform rollout",
      amount: 1500.5,
      stage: "identify",
      ownerId: org.rep.id,
      version: 1,
      externalSource: "salesforce",
      externalId,
    });
    const history = await historyOf(res.body.id);
    expect(history.map((h) => h.type)).toEqual(["created"]);
    expect(history[0]!.details).toMatchObject({ externalSource: "salesforce", externalId, sync: { source: "salesforce", externalId } });

    const read = await get(org.rep.token, externalId);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  test("again is 409 CONFLICT naming the record, with the deal's id and current version; nothing changes", async () => {
    const externalId = newRecordId();
    const first = await put(org.rep.token, externalId, dealBody());
    const again = await put(org.rep.token, externalId, dealBody({ name: "Another name" }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "CONFLICT",
      details: { field: "externalId", externalSource: "salesforce", externalId, id: first.body.id, currentVersion: 1 },
    });
    expect(await db().opportunity.count({ where: { externalSource: "salesforce", externalId } })).toBe(1);
    expect((await get(org.rep.token, externalId)).body.name).toBe("Platform rollout");
  });

  test("the same id from another CRM is another record", async () => {
    const externalId = newRecordId();
    expect((await put(org.rep.token, externalId, dealBody(), "salesforce")).status).toBe(201);
    const other = await put(org.rep.token, externalId, dealBody(), "hubspot");
    expect(other.status).toBe(201);
    expect(other.body.externalSource).toBe("hubspot");
  });

  test("of a record someone else's deal mirrors is 409 without describing that deal", async () => {
    const externalId = newRecordId();
    expect((await put(org.outsider.token, externalId, dealBody())).status).toBe(201);
    const res = await put(org.rep.token, externalId, dealBody());
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ field: "externalId", externalSource: "salesforce", externalId });
  });

  test("needs the create body's fields: 400 naming each missing one", async () => {
    const res = await put(org.rep.token, newRecordId(), { name: "Only a name" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: any) => f.field).sort()).toEqual(["accountName", "amount", "closeDate"]);
  });

  test("a manager creates for a rep of their team; a rep only for themselves; admins create none", async () => {
    const managed = await put(org.manager.token, newRecordId(), dealBody({ ownerId: org.rep.id }));
    expect(managed.status).toBe(201);
    expect(managed.body.ownerId).toBe(org.rep.id);
    expect((await put(org.manager.token, newRecordId(), dealBody({ ownerId: org.outsider.id }))).status).toBe(403);
    expect((await put(org.rep.token, newRecordId(), dealBody({ ownerId: org.teammate.id }))).status).toBe(403);
    expect((await put(org.admin.token, newRecordId(), dealBody())).status).toBe(403);
  });

  test("in a later stage whose criteria the new deal does not meet is refused whole, naming them; nothing is written", async () => {
    const externalId = newRecordId();
    const res = await put(org.rep.token, externalId, dealBody({ stage: "qualify", buyingProcess: "Committee, then procurement" }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("EXIT_CRITERIA_UNMET");
    expect(res.body.error.details.unmet.map((u: any) => [u.stage, u.key])).toEqual([
      ["identify", "decision_maker_meeting"],
      ["identify", "people_involved"],
    ]);
    expect(await db().opportunity.count({ where: { externalId } })).toBe(0);
    expect((await get(org.rep.token, externalId)).status).toBe(404);
  });

  test("in an unknown stage is 400 naming the field, and nothing is written", async () => {
    const externalId = newRecordId();
    const res = await put(org.rep.token, externalId, dealBody({ stage: "nowhere" }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: any) => f.field)).toEqual(["stage"]);
    expect(await db().opportunity.count({ where: { externalId } })).toBe(0);
  });

  test("twelve simultaneous creates of one record: exactly one 201, the rest 409, one deal", async () => {
    const externalId = newRecordId();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => put(org.rep.token, externalId, dealBody({ name: `Racer ${i}` }))));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(11).fill(409)]);
    const winner = results.find((r) => r.status === 201)!;
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.error.code).toBe("CONFLICT");
      expect(r.body.error.details).toMatchObject({ field: "externalId", id: winner.body.id, currentVersion: 1 });
    }
    expect(await db().opportunity.count({ where: { externalSource: "salesforce", externalId } })).toBe(1);
  });
});

describe("PUT with a version updates", () => {
  test("the fields given, making a new version, with the sync in the history", async () => {
    const externalId = newRecordId();
    const created = await put(org.rep.token, externalId, dealBody());
    const res = await put(org.rep.token, externalId, { version: 1, amount: 52000, nextStep: "Send the proposal" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.body.id, amount: 52000, nextStep: "Send the proposal", name: "Platform rollout", version: 2 });
    const history = await historyOf(created.body.id);
    expect(history.map((h) => h.type)).toEqual(["created", "field_changed", "next_step_changed"]);
    for (const h of history) expect(h.details).toMatchObject({ sync: { source: "salesforce", externalId } });
  });

  test("the same values again change nothing and make no version", async () => {
    const externalId = newRecordId();
    await put(org.rep.token, externalId, dealBody());
    const res = await put(org.rep.token, externalId, { version: 1, name: "Platform rollout", amount: 48000 });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
  });

  test("a stale version is 409 VERSION_CONFLICT with the current version; nothing is written", async () => {
    const externalId = newRecordId();
    await put(org.rep.token, externalId, dealBody());
    await put(org.rep.token, externalId, { version: 1, amount: 1 });
    const res = await put(org.rep.token, externalId, { version: 1, amount: 2 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "VERSION_CONFLICT", details: { currentVersion: 2 } });
    expect((await get(org.rep.token, externalId)).body.amount).toBe(1);
  });

  test("of a record no deal mirrors is 404, and creates nothing", async () => {
    const externalId = newRecordId();
    const res = await put(org.rep.token, externalId, { ...dealBody(), version: 1 });
    expect(res.status).toBe(404);
    expect(await db().opportunity.count({ where: { externalId } })).toBe(0);
  });

  test("a close date moved later needs a reason, as with PATCH", async () => {
    const externalId = newRecordId();
    await put(org.rep.token, externalId, dealBody());
    const refused = await put(org.rep.token, externalId, { version: 1, closeDate: "2027-05-31" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields.map((f: any) => f.field)).toEqual(["reason"]);
    const ok = await put(org.rep.token, externalId, { version: 1, closeDate: "2027-05-31", reason: "Budget moved a quarter" });
    expect(ok.status).toBe(200);
    expect(ok.body.closeDatePushes).toBe(1);
  });

  test("another rep's deal is out of sight: 404 for PUT and GET, nothing written; their manager may change it", async () => {
    const externalId = newRecordId();
    await put(org.rep.token, externalId, dealBody());
    const byOutsider = await put(org.outsider.token, externalId, { version: 1, amount: 1 });
    expect(byOutsider.status).toBe(404);
    expect((await get(org.outsider.token, externalId)).status).toBe(404);
    expect((await put(org.teammate.token, externalId, { version: 1, amount: 1 })).status).toBe(404);
    expect((await get(org.rep.token, externalId)).body).toMatchObject({ amount: 48000, version: 1 });
    const byManager = await put(org.manager.token, externalId, { version: 1, amount: 1 });
    expect(byManager.status).toBe(200);
    expect(byManager.body.amount).toBe(1);
  });

  test("a stage whose criteria are met moves the deal, recorded as a move of the sync", async () => {
    const { id, externalId } = await mirroredDealIn("identify");
    await satisfyStages(id, ["identify"], org.rep.id);
    const res = await put(org.rep.token, externalId, { version: 1, stage: "qualify", nextStep: "Budget call" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: "qualify", nextStep: "Budget call", version: 3 });
    const history = await historyOf(id);
    expect(history.map((h) => [h.type, h.fromStage, h.toStage])).toEqual([
      ["next_step_changed", null, null],
      ["stage_changed", "identify", "qualify"],
    ]);
    for (const h of history) expect(h.details).toMatchObject({ sync: { source: "salesforce", externalId } });
  });

  test("a stage whose criteria are not met is refused with them, and the fields sent with it are not written", async () => {
    const { id, externalId } = await mirroredDealIn("identify");
    const res = await put(org.rep.token, externalId, { version: 1, stage: "propose", name: "Renamed" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("EXIT_CRITERIA_UNMET");
    expect(new Set(res.body.error.details.unmet.map((u: any) => u.stage))).toEqual(new Set(["identify", "qualify"]));
    const row = await db().opportunity.findUniqueOrThrow({ where: { id } });
    expect([row.name, row.stageKey, row.version]).toEqual(["Mirrored", "identify", 1]);
    expect(await historyOf(id)).toEqual([]);
  });

  test("a move that needs the deal desk's approval is refused like any move", async () => {
    const { id, externalId } = await mirroredDealIn("negotiate");
    await satisfyStages(id, ["negotiate"], org.rep.id);
    const res = await put(org.rep.token, externalId, { version: 1, discountPercent: 20, stage: "finalize" });
    expect(res.status).toBe(422);
    expect(res.body.error.details.unmet.map((u: any) => u.key)).toEqual(["deal_desk_approval"]);
    const row = await db().opportunity.findUniqueOrThrow({ where: { id } });
    expect([row.discountPercent, row.stageKey, row.version]).toEqual([0, "negotiate", 1]);
  });

  test("a move back needs a reason, as with the transitions endpoint", async () => {
    const { externalId } = await mirroredDealIn("propose");
    const refused = await put(org.rep.token, externalId, { version: 1, stage: "qualify" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields.map((f: any) => f.field)).toEqual(["reason"]);
    const ok = await put(org.rep.token, externalId, { version: 1, stage: "qualify", reason: "Champion left the company" });
    expect(ok.status).toBe(200);
    expect(ok.body.stage).toBe("qualify");
  });

  test("a closed deal re-opens by a stage, then takes the fields", async () => {
    const externalId = newRecordId();
    const id = await insertDeal(org.rep.id, {
      name: "Lost one",
      amount: 5000,
      closeDate: "2027-01-31",
      stage: "closed_lost",
      status: "lost",
      closedAt: new Date(),
    });
    await db().opportunity.update({ where: { id }, data: { externalSource: "salesforce", externalId } });
    const fieldsOnly = await put(org.rep.token, externalId, { version: 1, amount: 6000 });
    expect(fieldsOnly.status).toBe(422);
    const res = await put(org.rep.token, externalId, { version: 1, stage: "qualify", amount: 6000, reason: "They came back" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "open", stage: "qualify", amount: 6000, version: 3 });
    expect((await historyOf(id)).map((h) => h.type)).toEqual(["reopened", "field_changed"]);
  });
});

describe("the record's source and id", () => {
  test.each([
    ["a source in capitals", "SalesForce", "006A", "params.source"],
    ["a source with a space", "sales force", "006A", "params.source"],
    ["a source too long", "s".repeat(33), "006A", "params.source"],
    ["an empty id", "salesforce", "", "params.externalId"],
    ["an id with a space", "salesforce", "006 A", "params.externalId"],
    ["an id with a control character", "salesforce", "006\tA", "params.externalId"],
    ["an id over 255 characters", "salesforce", "a".repeat(256), "params.externalId"],
  ])("%s is 400 naming the field, on PUT and GET", async (_, source, externalId, field) => {
    const written = await put(org.rep.token, externalId, dealBody(), source);
    expect(written.status).toBe(400);
    expect(written.body.error.details.fields.map((f: any) => f.field)).toEqual([field]);
    const read = await get(org.rep.token, externalId, source);
    expect(read.status).toBe(400);
    expect(read.body.error.details.fields.map((f: any) => f.field)).toEqual([field]);
  });

  test("an id of 255 visible characters, slashes and colons included, is one", async () => {
    const externalId = `deal:${"x/".repeat(125)}`;
    expect(externalId.length).toBe(255);
    expect((await put(org.rep.token, externalId, dealBody(), "custom-crm")).status).toBe(201);
    expect((await get(org.rep.token, externalId, "custom-crm")).body.externalId).toBe(externalId);
  });

  test("the PUT body does not name them: they are the path's", async () => {
    const res = await put(org.rep.token, newRecordId(), { ...dealBody(), externalId: "other" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: any) => f.field)).toEqual(["(body)"]);
  });
});

describe("POST and PATCH carry the record too", () => {
  test("POST sets it; a second deal for the same record is 409 naming it; one without the other is 400", async () => {
    const externalId = newRecordId();
    const res = await call(list.POST, { token: org.rep.token, body: dealBody({ externalSource: "hubspot", externalId }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ externalSource: "hubspot", externalId });
    expect((await get(org.rep.token, externalId, "hubspot")).body.id).toBe(res.body.id);

    const again = await call(list.POST, { token: org.rep.token, body: dealBody({ externalSource: "hubspot", externalId }) });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ field: "externalId", id: res.body.id });

    const half = await call(list.POST, { token: org.rep.token, body: dealBody({ externalId: newRecordId() }) });
    expect(half.status).toBe(400);
    expect(half.body.error.details.fields.map((f: any) => f.field)).toEqual(["externalSource"]);
  });

  test("a deal made in Stageline has none; PATCH links it, unlinks it, and refuses a record already taken", async () => {
    const created = await call(list.POST, { token: org.rep.token, body: dealBody() });
    expect(created.body).toMatchObject({ externalSource: null, externalId: null });
    const externalId = newRecordId();
    const patch = (body: Record<string, unknown>) =>
      call(one.PATCH, { token: org.rep.token, method: "PATCH", params: { id: created.body.id }, body });

    const linked = await patch({ version: 1, externalSource: "salesforce", externalId });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ externalSource: "salesforce", externalId, version: 2 });
    expect((await get(org.rep.token, externalId)).body.id).toBe(created.body.id);

    const taken = (await put(org.rep.token, newRecordId(), dealBody())).body.externalId;
    const conflict = await patch({ version: 2, externalSource: "salesforce", externalId: taken });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: "CONFLICT", details: { field: "externalId", externalId: taken } });

    const unlinked = await patch({ version: 2, externalSource: null, externalId: null });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body).toMatchObject({ externalSource: null, externalId: null, version: 3 });
    expect((await get(org.rep.token, externalId)).status).toBe(404);
    expect((await patch({ version: 3, externalSource: "salesforce" })).status).toBe(400);
  });
});

// Last: it publishes a process version that later deals would follow.
describe("a process whose first stage a create can meet", () => {
  test("a create in a later stage is a create and then a move, both in the history", async () => {
    const definition = structuredClone(STANDARD_B2B) as any;
    definition.stages[0].exitCriteria = definition.stages[0].exitCriteria.filter((c: any) => c.key === "buying_process");
    const published = await call(processes.POST, { token: org.admin.token, body: { definition, makeDefault: true, note: "Sync test" } });
    expect(published.status).toBe(201);

    const externalId = newRecordId();
    const unmet = await put(org.rep.token, externalId, dealBody({ stage: "qualify" }));
    expect(unmet.status).toBe(422);
    expect(unmet.body.error.details.unmet.map((u: any) => u.key)).toEqual(["buying_process"]);

    const res = await put(org.rep.token, externalId, dealBody({ stage: "qualify", buyingProcess: "Committee, then procurement" }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stage: "qualify", version: 2, externalId });
    const history = await historyOf(res.body.id);
    expect(history.map((h) => [h.type, h.fromStage, h.toStage])).toEqual([
      ["created", null, "identify"],
      ["stage_changed", "identify", "qualify"],
    ]);
    for (const h of history) expect(h.details).toMatchObject({ sync: { source: "salesforce", externalId } });
  });
});
