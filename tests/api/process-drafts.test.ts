// A process's draft through the API (docs/rules/sales-process.md#drafts): started from the latest
// version or a template, saved whole at the version read, its problems listed, published, discarded.
import { beforeAll, describe, expect, test } from "vitest";
import * as draftRoute from "@/app/api/v1/processes/[key]/draft/route";
import * as problemsRoute from "@/app/api/v1/processes/[key]/draft/problems/route";
import * as publishRoute from "@/app/api/v1/processes/[key]/draft/publish/route";
import * as processes from "@/app/api/v1/processes/route";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, ensureDefaults } from "../support/deals";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const params = (key: string) => ({ params: { key } });
const asAdmin = (handler: any, options: Record<string, unknown> = {}) => call(handler, { token: org.admin.token, ...options });
const start = (key: string, body: unknown = {}) => asAdmin(draftRoute.POST, { ...params(key), body });
const save = (key: string, version: number, definition: unknown) =>
  asAdmin(draftRoute.PUT, { method: "PUT", ...params(key), body: { version, definition } });

describe("only an admin works on drafts", () => {
  test.each(["rep", "manager", "finance"] as const)("every draft endpoint answers 403 to the %s", async (who) => {
    await start("customer_lifecycle", { template: "customer_lifecycle" });
    const token = org[who].token;
    const key = params("customer_lifecycle");
    const current = (await asAdmin(draftRoute.GET, key)).body;
    expect((await call(draftRoute.GET, { token, ...key })).status).toBe(403);
    expect((await call(draftRoute.POST, { token, ...params("standard_b2b"), body: {} })).status).toBe(403);
    expect(
      (await call(draftRoute.PUT, { token, method: "PUT", ...key, body: { version: current.version, definition: current.definition } })).status,
    ).toBe(403);
    expect((await call(draftRoute.DELETE, { token, method: "DELETE", ...key })).status).toBe(403);
    expect((await call(problemsRoute.GET, { token, ...key })).status).toBe(403);
    expect((await call(publishRoute.POST, { token, ...key, body: { version: current.version } })).status).toBe(403);
    // Nothing changed: the draft is still there, at its version.
    expect((await asAdmin(draftRoute.GET, key)).body.version).toBe(current.version);
  });

  test("without credentials, 401", async () => {
    expect((await call(draftRoute.GET, params("standard_b2b"))).status).toBe(401);
  });
});

describe("starting a draft", () => {
  test("from the latest version: its stages and criteria, to be edited", async () => {
    const res = await start("standard_b2b");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ processKey: "standard_b2b", version: 1, basedOnVersion: 1, template: null, problems: [] });
    expect(res.body.definition.stages.map((s: any) => s.key)).toEqual([
      "identify",
      "qualify",
      "propose",
      "negotiate",
      "finalize",
      "closed_won",
      "closed_lost",
    ]);
    expect(res.body.definition.stages[0].exitCriteria[2]).toEqual({
      key: "people_involved",
      label: expect.any(String),
      type: "field",
      field: "contacts",
      condition: { op: "has_contact_role", role: "decision_maker" },
    });
    expect((await asAdmin(draftRoute.GET, params("standard_b2b"))).body).toEqual(res.body);
  });

  test("a second draft of the same process is 409, with the draft there is", async () => {
    const res = await start("standard_b2b", { template: "six_steps" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("CONFLICT");
    expect(res.body.error.details.current).toMatchObject({ processKey: "standard_b2b", basedOnVersion: 1 });
  });

  test("from a shipped template, for a process not published yet", async () => {
    const res = await start("six_steps", { template: "six_steps" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ processKey: "six_steps", basedOnVersion: null, template: "six_steps", problems: [] });
    expect(res.body.definition.name).toBe("Six steps");
    const list = await asAdmin(processes.GET);
    expect(list.body.catalog.criterionFields).toContainEqual({
      field: "contacts",
      valueKind: "contacts",
      conditions: ["is_set", "has_contact_role"],
    });
    expect(list.body.catalog.questionAnswerKinds).toEqual(["text", "yes_no", "number", "date"]);
    expect(list.body.drafts).toEqual(expect.arrayContaining([expect.objectContaining({ processKey: "six_steps", version: 1 })]));
  });

  test("an unknown template is 400; a process that does not exist without a template is 404; a bad key is 400", async () => {
    const unknown = await start("brand_new", { template: "nope" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields).toEqual([{ field: "template", message: expect.stringContaining("six_steps") }]);
    expect((await start("brand_new")).status).toBe(404);
    expect((await start("Not A Key")).status).toBe(400);
    expect((await start("brand_new", { template: "six_steps", extra: 1 })).status).toBe(400);
  });

  test("a process without a draft answers 404 to each draft endpoint", async () => {
    const key = params("no_such_process");
    expect((await asAdmin(draftRoute.GET, key)).status).toBe(404);
    expect((await asAdmin(problemsRoute.GET, key)).status).toBe(404);
    expect((await save("no_such_process", 1, { name: "X", stages: [] })).status).toBe(404);
    expect((await asAdmin(draftRoute.DELETE, { method: "DELETE", ...key })).status).toBe(404);
    expect((await asAdmin(publishRoute.POST, { ...key, body: { version: 1 } })).status).toBe(404);
  });
});

describe("saving, validating and publishing", () => {
  test("a save keeps a draft with problems, lists them by path, and publishing it is refused with them", async () => {
    await start("customer_lifecycle", { template: "customer_lifecycle" }); // may already exist
    const draft = (await asAdmin(draftRoute.GET, params("customer_lifecycle"))).body;
    const edited = structuredClone(draft.definition);
    edited.stages[1].probability = 150;
    edited.stages[0].exitCriteria.push({ key: "mood", label: "Mood", type: "field", field: "mood", condition: { op: "is_set" } });
    const saved = await save("customer_lifecycle", draft.version, edited);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(draft.version + 1);
    const problems = [
      { field: `stages.0.exitCriteria.${edited.stages[0].exitCriteria.length - 1}.field`, message: expect.stringContaining("amount") },
      { field: "stages.1.probability", message: expect.stringContaining("0 to 100") },
    ];
    expect(saved.body.problems).toEqual(expect.arrayContaining(problems));
    expect((await asAdmin(problemsRoute.GET, params("customer_lifecycle"))).body.problems).toEqual(saved.body.problems);

    const refused = await asAdmin(publishRoute.POST, { ...params("customer_lifecycle"), body: { version: saved.body.version } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual(saved.body.problems);
    expect((await asAdmin(draftRoute.GET, params("customer_lifecycle"))).body.version).toBe(saved.body.version);
    expect((await asAdmin(processes.GET)).body.items.map((p: any) => p.key)).not.toContain("customer_lifecycle");
  });

  test("a save at a stale version is 409 with the current draft; saving the same definition changes nothing", async () => {
    const draft = (await asAdmin(draftRoute.GET, params("standard_b2b"))).body;
    const first = await save("standard_b2b", draft.version, { ...draft.definition, description: "Edited once" });
    expect(first.status).toBe(200);
    const stale = await save("standard_b2b", draft.version, { ...draft.definition, description: "Edited twice" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("VERSION_CONFLICT");
    expect(stale.body.error.details.current).toMatchObject({ version: first.body.version, definition: { description: "Edited once" } });
    const again = await save("standard_b2b", first.body.version, first.body.definition);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(first.body.version);
  });

  test("a definition of the wrong shape is 400 by field, and nothing is saved", async () => {
    const draft = (await asAdmin(draftRoute.GET, params("standard_b2b"))).body;
    const bad = structuredClone(draft.definition);
    bad.stages[0].kind = "maybe";
    const res = await save("standard_b2b", draft.version, bad);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: any) => f.field)).toContain("definition.stages.0.kind");
    expect((await asAdmin(draftRoute.GET, params("standard_b2b"))).body.version).toBe(draft.version);
  });

  test("publishing: a new version with the new stage, criterion and question; the draft is gone; deals keep their version", async () => {
    const before = await createDeal(org.rep.token);
    const draft = (await asAdmin(draftRoute.GET, params("standard_b2b"))).body;
    const edited = structuredClone(draft.definition);
    edited.stages[1].questions = [
      { key: "compelling_event", label: "What is the compelling event?", answer: "text" },
      { key: "budget_allocated", label: "Is budget allocated?", answer: "yes_no" },
    ];
    edited.stages[1].exitCriteria.push({
      key: "big_enough",
      label: "Over 5,000",
      type: "field",
      field: "amount",
      condition: { op: "gt", value: 5000 },
    });
    edited.stages.splice(1, 0, { ...edited.stages[0], key: "discover", name: "Discover", exitCriteria: [], questions: [] });
    const saved = await save("standard_b2b", draft.version, edited);
    expect(saved.body.problems).toEqual([]);

    const stale = await asAdmin(publishRoute.POST, { ...params("standard_b2b"), body: { version: draft.version } });
    expect(stale.status).toBe(409);

    const res = await asAdmin(publishRoute.POST, { ...params("standard_b2b"), body: { version: saved.body.version, note: "Discovery stage" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key: "standard_b2b", version: 2 });
    expect(res.body.stages.map((s: any) => s.key).slice(0, 3)).toEqual(["identify", "discover", "qualify"]);
    const qualify = res.body.stages.find((s: any) => s.key === "qualify");
    expect(qualify.questions).toEqual(edited.stages[2].questions);
    expect(qualify.exitCriteria.at(-1)).toEqual({
      key: "big_enough",
      label: "Over 5,000",
      type: "field",
      field: "amount",
      condition: { op: "gt", value: 5000 },
    });
    expect(res.body.stages[0].questions).toEqual([]);

    expect((await asAdmin(draftRoute.GET, params("standard_b2b"))).status).toBe(404);
    const list = await asAdmin(processes.GET);
    const b2b = list.body.items.find((p: any) => p.key === "standard_b2b");
    expect(b2b.versions.map((v: any) => [v.version, v.note])).toEqual([
      [2, "Discovery stage"],
      [1, expect.any(String)],
    ]);
    const after = await createDeal(org.rep.token);
    expect(after.processVersionId).toBe(res.body.id);
    expect(after.processVersionId).not.toBe(before.processVersionId);

    // The next draft starts from the version just published.
    const next = await start("standard_b2b");
    expect(next.body).toMatchObject({ basedOnVersion: 2, problems: [] });
    expect(next.body.definition.stages[2].questions).toEqual(edited.stages[2].questions);
  });

  test("discarding removes the draft; the process is unchanged", async () => {
    const res = await asAdmin(draftRoute.DELETE, { method: "DELETE", ...params("standard_b2b") });
    expect(res.status).toBe(204);
    expect((await asAdmin(draftRoute.GET, params("standard_b2b"))).status).toBe(404);
    expect((await asAdmin(processes.GET)).body.items.find((p: any) => p.key === "standard_b2b").latestVersion).toBe(2);
  });

  test("publishing a full definition through POST /processes meets the same rules", async () => {
    const draft = (await asAdmin(draftRoute.GET, params("six_steps"))).body;
    const res = await asAdmin(processes.POST, {
      body: {
        definition: {
          key: "six_steps",
          ...draft.definition,
          stages: draft.definition.stages.map((s: any, i: number) =>
            i === 0
              ? { ...s, exitCriteria: [{ key: "long", label: "Long", type: "field", field: "nextStep", condition: { op: "gt", value: 3 } }] }
              : s,
          ),
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([
      { field: "definition.stages.0.exitCriteria.0.condition.op", message: expect.stringContaining("nextStep") },
    ]);
  });
});
