import { beforeAll, describe, expect, test } from "vitest";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as processRoute from "@/app/api/v1/process/route";
import * as processes from "@/app/api/v1/processes/route";
import { STANDARD_B2B } from "@/src/domain/process/templates";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, ensureDefaults } from "../support/deals";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

test("only an admin lists and publishes processes", async () => {
  for (const who of ["rep", "manager", "finance"] as const) {
    expect((await call(processes.GET, { token: org[who].token })).status).toBe(403);
    expect((await call(processes.POST, { token: org[who].token, body: { template: "six_steps" } })).status).toBe(403);
  }
});

test("an admin loads a shipped template without changing the default process", async () => {
  const res = await call(processes.POST, { token: org.admin.token, body: { template: "six_steps" } });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ key: "six_steps", version: 1 });
  expect(res.body.stages.length).toBeGreaterThanOrEqual(8);
  expect((await call(processRoute.GET, { token: org.rep.token })).body.key).toBe("standard_b2b");
  const list = await call(processes.GET, { token: org.admin.token });
  expect(list.body.items.map((p: any) => [p.key, p.isDefault, p.latestVersion])).toEqual([
    ["standard_b2b", true, 1],
    ["six_steps", false, 1],
  ]);
  expect(list.body.templates.map((t: any) => t.key)).toEqual(["standard_b2b", "customer_lifecycle", "six_steps"]);
});

describe("publishing a new version", () => {
  test("new deals follow it; existing deals keep the version they follow", async () => {
    const before = await createDeal(org.rep.token);
    const edited = structuredClone(STANDARD_B2B) as any;
    edited.stages[0].exitCriteria.push({ key: "nda_signed", label: "Mutual NDA signed", type: "check" });
    const res = await call(processes.POST, { token: org.admin.token, body: { definition: edited, makeDefault: true, note: "NDA before discovery" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key: "standard_b2b", version: 2 });

    const old = await call(one.GET, { token: org.rep.token, params: { id: before.id } });
    expect(old.body.processVersionId).toBe(before.processVersionId);
    expect(old.body.exitCriteria.map((c: any) => c.key)).not.toContain("nda_signed");

    const after = await createDeal(org.rep.token);
    expect(after.processVersionId).toBe(res.body.id);
    expect(after.exitCriteria.map((c: any) => c.key)).toContain("nda_signed");
  });

  test.each([
    ["two won stages", (d: any) => d.stages.push({ ...d.stages[5], key: "won_again" }), "stages"],
    ["a duplicate criterion key", (d: any) => d.stages[1].exitCriteria.push({ ...d.stages[1].exitCriteria[0] }), "definition.stages.1.exitCriteria"],
    ["an unknown criterion type", (d: any) => (d.stages[0].exitCriteria[0].type = "vibe"), "definition.stages.0.exitCriteria.0"],
  ])("a definition with %s is 400", async (_, mutate, fieldPrefix) => {
    const d = structuredClone(STANDARD_B2B) as any;
    mutate(d);
    const res = await call(processes.POST, { token: org.admin.token, body: { definition: d } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.some((f: any) => f.field.includes(fieldPrefix))).toBe(true);
  });

  test("an unknown template is 400", async () => {
    const res = await call(processes.POST, { token: org.admin.token, body: { template: "nope" } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field: "template", message: expect.stringContaining("standard_b2b") }]);
  });
});
