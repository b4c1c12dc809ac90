// Qualification answers on a deal (docs/rules/sales-process.md#qualification-answers): PATCH and POST
// /opportunities take answers to the questions of the deal's own process version, by kind.
import { beforeAll, describe, expect, test } from "vitest";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as history from "@/app/api/v1/opportunities/[id]/history/route";
import * as list from "@/app/api/v1/opportunities/route";
import { STANDARD_B2B } from "@/src/domain/process/templates/standard-b2b";
import type { ProcessDefinition } from "@/src/domain/process/types";
import { database, db } from "@/src/server/db";
import { publishProcessVersion } from "@/src/server/process/publish-process";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, dealBody, ensureDefaults } from "../support/deals";

let org: Awaited<ReturnType<typeof createOrg>>;

/** Standard B2B with a question of each kind: one in the first stage, the others in Qualify. */
function withQuestions(extra: ProcessDefinition["stages"][number]["questions"] = []): ProcessDefinition {
  const stages = structuredClone(STANDARD_B2B.stages);
  stages[0]!.questions = [{ key: "first_meeting", label: "When was the first meeting?", answer: "date" }];
  stages[1]!.questions = [
    { key: "budget_allocated", label: "Is budget allocated?", answer: "yes_no" },
    { key: "budget_amount", label: "How much budget?", answer: "number" },
    { key: "compelling_event", label: "What is the compelling event?", answer: "text" },
    ...extra,
  ];
  return { ...STANDARD_B2B, key: "qualified", name: "Qualified", stages };
}

beforeAll(async () => {
  await ensureDefaults();
  await database().transaction((tx) => publishProcessVersion(tx, withQuestions(), { makeDefault: true }));
  org = await createOrg();
});

const patch = (token: string, id: string, body: Record<string, unknown>) => call(one.PATCH, { token, params: { id }, method: "PATCH", body });
const fieldsOf = (res: { body: any }) => res.body.error.details.fields.map((f: any) => f.field);

describe("PATCH /opportunities/{id} qualificationAnswers", () => {
  test.each([
    ["yes_no", "budget_allocated", false],
    ["number", "budget_amount", 125000.5],
    ["text", "compelling_event", "The old system is switched off in June"],
    ["date", "first_meeting", "2026-11-30"],
  ])("a %s answer is stored, answered back and merged with the others", async (_, key, value) => {
    const deal = await createDeal(org.rep.token);
    const first = await patch(org.rep.token, deal.id, { version: 1, qualificationAnswers: { budget_allocated: true } });
    expect(first.status).toBe(200);
    const res = await patch(org.rep.token, deal.id, { version: 2, qualificationAnswers: { [key]: value } });
    expect(res.status).toBe(200);
    expect(res.body.qualificationAnswers).toEqual({ budget_allocated: true, [key]: value });
    expect(res.body.version).toBe(3);
    expect((await call(one.GET, { token: org.rep.token, params: { id: deal.id } })).body.qualificationAnswers).toEqual(res.body.qualificationAnswers);
  });

  test("a question of a stage the deal has not reached is answered: the deal is in the first stage", async () => {
    const deal = await createDeal(org.rep.token);
    expect(deal.stage).toBe("identify");
    const res = await patch(org.rep.token, deal.id, { version: 1, qualificationAnswers: { compelling_event: "Audit in March" } });
    expect(res.body.qualificationAnswers).toEqual({ compelling_event: "Audit in March" });
  });

  test("null clears an answer, and so does a blank text; the others stay", async () => {
    const deal = await createDeal(org.rep.token);
    await patch(org.rep.token, deal.id, {
      version: 1,
      qualificationAnswers: { budget_allocated: true, compelling_event: "Audit", budget_amount: 5 },
    });
    const res = await patch(org.rep.token, deal.id, { version: 2, qualificationAnswers: { budget_allocated: null, compelling_event: "  " } });
    expect(res.status).toBe(200);
    expect(res.body.qualificationAnswers).toEqual({ budget_amount: 5 });
    const row = await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row.qualificationAnswers).toEqual({ budget_amount: 5 });
  });

  test("the same answers again change nothing: no new version, no history", async () => {
    const deal = await createDeal(org.rep.token);
    await patch(org.rep.token, deal.id, { version: 1, qualificationAnswers: { budget_allocated: true } });
    const res = await patch(org.rep.token, deal.id, { version: 2, qualificationAnswers: { budget_allocated: true, budget_amount: null } });
    expect(res.body.version).toBe(2);
    expect(await db().historyEntry.count({ where: { opportunityId: deal.id } })).toBe(2);
  });

  test("one field_changed entry names each answer's change, beside the other fields of the same request", async () => {
    const deal = await createDeal(org.rep.token);
    await patch(org.rep.token, deal.id, { version: 1, qualificationAnswers: { budget_allocated: false } });
    await patch(org.rep.token, deal.id, {
      version: 2,
      name: "Renamed",
      qualificationAnswers: { budget_allocated: true, first_meeting: "2026-10-01" },
    });
    const items = (await call(history.GET, { token: org.rep.token, params: { id: deal.id } })).body.items;
    const changed = items.filter((e: any) => e.type === "field_changed");
    expect(changed).toHaveLength(2);
    expect(changed.map((e: any) => e.details.changes)).toContainEqual({
      name: { from: "Platform rollout", to: "Renamed" },
      "qualificationAnswers.budget_allocated": { from: false, to: true },
      "qualificationAnswers.first_meeting": { from: null, to: "2026-10-01" },
    });
  });

  test.each([
    ["an unknown key", { nobody_asked: "x" }, ["qualificationAnswers.nobody_asked"]],
    ["text for a yes/no question", { budget_allocated: "yes" }, ["qualificationAnswers.budget_allocated"]],
    ["a number as text", { budget_amount: "1000" }, ["qualificationAnswers.budget_amount"]],
    ["a boolean for a text question", { compelling_event: true }, ["qualificationAnswers.compelling_event"]],
    ["an impossible date", { first_meeting: "2026-02-30" }, ["qualificationAnswers.first_meeting"]],
    ["a date with a time", { first_meeting: "2026-02-01T10:00:00Z" }, ["qualificationAnswers.first_meeting"]],
    ["a text over 2000 characters", { compelling_event: "x".repeat(2001) }, ["qualificationAnswers.compelling_event"]],
    ["an object", { compelling_event: { text: "x" } }, ["qualificationAnswers.compelling_event"]],
    [
      "two wrong answers",
      { budget_allocated: 1, first_meeting: "soon" },
      ["qualificationAnswers.budget_allocated", "qualificationAnswers.first_meeting"],
    ],
  ])("%s is 400 naming the answer, and nothing is written", async (_, answers, fields) => {
    const deal = await createDeal(org.rep.token);
    const res = await patch(org.rep.token, deal.id, { version: 1, name: "Not saved", qualificationAnswers: answers });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(fieldsOf(res)).toEqual(fields);
    const row = await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } });
    expect([row.version, row.name, row.qualificationAnswers]).toEqual([1, "Platform rollout", {}]);
  });

  test("a question of another version of the process is refused: a deal answers its own version's", async () => {
    const deal = await createDeal(org.rep.token);
    await database().transaction((tx) =>
      publishProcessVersion(tx, withQuestions([{ key: "new_question", label: "Asked from version 2", answer: "text" }]), { makeDefault: true }),
    );
    const old = await patch(org.rep.token, deal.id, { version: 1, qualificationAnswers: { new_question: "x" } });
    expect(old.status).toBe(400);
    expect(fieldsOf(old)).toEqual(["qualificationAnswers.new_question"]);
    const fresh = await createDeal(org.rep.token);
    expect((await patch(org.rep.token, fresh.id, { version: 1, qualificationAnswers: { new_question: "x" } })).status).toBe(200);
  });

  test("a stale version is 409 with the current one, and the answer is not saved", async () => {
    const deal = await createDeal(org.rep.token);
    await patch(org.rep.token, deal.id, { version: 1, name: "First edit" });
    const res = await patch(org.rep.token, deal.id, { version: 1, qualificationAnswers: { budget_allocated: true } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "VERSION_CONFLICT", details: { currentVersion: 2 } });
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } })).qualificationAnswers).toEqual({});
  });

  test("who may answer is who may edit the deal: its owner and their manager; an admin 403; those who cannot see it 404", async () => {
    const deal = await createDeal(org.rep.token);
    const statuses: Record<string, number> = {};
    let version = 1;
    for (const who of ["outsider", "teammate", "admin", "finance", "manager", "rep"] as const) {
      const res = await patch(org[who].token, deal.id, { version, qualificationAnswers: { budget_amount: version } });
      statuses[who] = res.status;
      if (res.status === 200) version = res.body.version;
    }
    // A rep sees only their own deals, the deal desk only those in front of its groups.
    expect(statuses).toEqual({ outsider: 404, teammate: 404, admin: 403, finance: 404, manager: 200, rep: 200 });
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } })).qualificationAnswers).toEqual({ budget_amount: 2 });
  });
});

describe("POST /opportunities qualificationAnswers", () => {
  test("answers given on create are stored and named in the created entry", async () => {
    const res = await call(list.POST, {
      token: org.rep.token,
      body: dealBody({ qualificationAnswers: { first_meeting: "2026-11-02", budget_allocated: true, compelling_event: null } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.qualificationAnswers).toEqual({ first_meeting: "2026-11-02", budget_allocated: true });
    const created = await db().historyEntry.findFirstOrThrow({ where: { opportunityId: res.body.id, type: "created" } });
    expect(created.details).toMatchObject({ qualificationAnswers: { first_meeting: "2026-11-02", budget_allocated: true } });
  });

  test("without answers the deal has none", async () => {
    expect((await createDeal(org.rep.token)).qualificationAnswers).toEqual({});
  });

  test.each([
    ["an unknown key", { nobody_asked: "x" }, ["qualificationAnswers.nobody_asked"]],
    ["a wrong kind", { first_meeting: 20261102 }, ["qualificationAnswers.first_meeting"]],
  ])("%s is 400 naming the answer, and no deal is created", async (_, answers, fields) => {
    const before = await db().opportunity.count();
    const res = await call(list.POST, { token: org.rep.token, body: dealBody({ qualificationAnswers: answers }) });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(fields);
    expect(await db().opportunity.count()).toBe(before);
  });
});
