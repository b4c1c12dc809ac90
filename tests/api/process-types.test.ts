// A process tied to an opportunity type (docs/rules/sales-process.md#opportunity-types): new deals of
// that type follow its latest version, whether created, synced or imported; the others the default
// process. PATCH /processes/{key} ties, unties and makes a process the default, admins only, audited.
import { beforeAll, describe, expect, test } from "vitest";
import * as byExternal from "@/app/api/v1/opportunities/by-external/[source]/[externalId]/route";
import * as imports from "@/app/api/v1/imports/route";
import * as processRoute from "@/app/api/v1/process/route";
import * as oneProcess from "@/app/api/v1/processes/[key]/route";
import * as processes from "@/app/api/v1/processes/route";
import { ROLES } from "@/src/auth/permissions";
import { db } from "@/src/server/db";
import { listProcessOptions } from "@/src/server/board/process-options";
import { actorOf } from "../support/board";
import { createDeal, dealBody, ensureDefaults } from "../support/deals";
import { createOrg, createUser } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
let sixSteps: { id: string; version: number };
let lifecycle: { id: string; version: number };
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  sixSteps = (await call(processes.POST, { token: org.admin.token, body: { template: "six_steps" } })).body;
  lifecycle = (await call(processes.POST, { token: org.admin.token, body: { template: "customer_lifecycle" } })).body;
});

const patch = (key: string, body: unknown, token = org.admin.token) => call(oneProcess.PATCH, { token, method: "PATCH", params: { key }, body });
const processKeyOf = async (versionId: string) =>
  (await db().processVersion.findUniqueOrThrow({ where: { id: versionId }, include: { process: true } })).process.key;
const lastAudit = () => db().auditEntry.findFirst({ where: { action: "process.updated" }, orderBy: [{ at: "desc" }, { id: "desc" }] });

describe("PATCH /processes/{key}", () => {
  test("every role but admin is refused, and nothing changes", async () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const user = await createUser({ role, teamId: role === "rep" ? org.team.id : null });
      expect((await patch("six_steps", { opportunityType: "expansion" }, user.token)).status).toBe(403);
      expect((await patch("six_steps", { isDefault: true }, user.token)).status).toBe(403);
    }
    expect(await db().process.findUniqueOrThrow({ where: { key: "six_steps" } })).toMatchObject({ isDefault: false, opportunityType: null });
    expect(await lastAudit()).toBeNull();
  });

  test("an unknown process is 404, an empty or wrong body 400", async () => {
    expect((await patch("no_such_process", { opportunityType: "new" })).status).toBe(404);
    const empty = await patch("six_steps", {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields.map((f: any) => f.field)).toEqual(["opportunityType"]);
    expect((await patch("six_steps", { isDefault: false })).status).toBe(400);
    expect((await patch("six_steps", { opportunityType: "renewal" })).status).toBe(400);
  });

  test("tying a process to a type: the answer, GET /processes and the audit log say so", async () => {
    const res = await patch("six_steps", { opportunityType: "expansion" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: "six_steps", isDefault: false, opportunityType: "expansion", latestVersion: 1 });
    const list = await call(processes.GET, { token: org.admin.token });
    expect(list.body.items.map((p: any) => [p.key, p.opportunityType])).toEqual([
      ["standard_b2b", null],
      ["six_steps", "expansion"],
      ["customer_lifecycle", null],
    ]);
    expect(await lastAudit()).toMatchObject({
      actorId: org.admin.id,
      objectType: "process",
      objectId: (await db().process.findUniqueOrThrow({ where: { key: "six_steps" } })).id,
      before: { key: "six_steps", isDefault: false, opportunityType: null },
      after: { key: "six_steps", isDefault: false, opportunityType: "expansion" },
    });
  });

  test("a type another process is tied to is 409 naming it, and the tie stays where it was", async () => {
    const before = await db().auditEntry.count();
    const res = await patch("customer_lifecycle", { opportunityType: "expansion" });
    expect(res.status).toBe(409);
    expect(res.body.error.details.current).toEqual({ key: "six_steps", name: expect.any(String), opportunityType: "expansion" });
    expect((await db().process.findUniqueOrThrow({ where: { key: "six_steps" } })).opportunityType).toBe("expansion");
    expect((await db().process.findUniqueOrThrow({ where: { key: "customer_lifecycle" } })).opportunityType).toBeNull();
    expect(await db().auditEntry.count()).toBe(before);
  });

  test("asking for what is already so writes nothing", async () => {
    const before = await db().auditEntry.count();
    expect((await patch("six_steps", { opportunityType: "expansion" })).status).toBe(200);
    expect((await patch("standard_b2b", { isDefault: true })).status).toBe(200);
    expect(await db().auditEntry.count()).toBe(before);
  });
});

describe("new deals follow the process tied to their type", () => {
  test("created: an expansion follows the tied process's latest version, a new deal the default", async () => {
    const expansion = await createDeal(org.rep.token, { type: "expansion" });
    expect(expansion.processVersionId).toBe(sixSteps.id);
    expect(expansion.stage).toBe("select_target");
    const fresh = await createDeal(org.rep.token, { type: "new" });
    expect(await processKeyOf(fresh.processVersionId)).toBe("standard_b2b");
  });

  test("GET /process?type= answers the process a deal of that type follows", async () => {
    expect((await call(processRoute.GET, { token: org.rep.token, path: "/api/v1/process?type=expansion" })).body.key).toBe("six_steps");
    expect((await call(processRoute.GET, { token: org.rep.token, path: "/api/v1/process?type=new" })).body.key).toBe("standard_b2b");
    expect((await call(processRoute.GET, { token: org.rep.token })).body.key).toBe("standard_b2b");
    expect((await call(processRoute.GET, { token: org.rep.token, path: "/api/v1/process?type=renewal" })).status).toBe(400);
  });

  test("synced by external id: the same rule", async () => {
    const put = (externalId: string, type: string) =>
      call(byExternal.PUT, {
        token: org.rep.token,
        method: "PUT",
        path: `/api/v1/opportunities/by-external/salesforce/${externalId}`,
        params: { source: "salesforce", externalId },
        body: dealBody({ type }),
      });
    const expansion = await put("006TYPEDEXP0000001", "expansion");
    expect(expansion.status).toBe(201);
    expect(expansion.body.processVersionId).toBe(sixSteps.id);
    const fresh = await put("006TYPEDNEW0000001", "new");
    expect(await processKeyOf(fresh.body.processVersionId)).toBe("standard_b2b");
  });

  test("imported: each created row by its type, its stage read in that process", async () => {
    const csv = [
      "Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Owner Email,Type",
      `006IMPEXP000000001,Upsell,Acme,1000,2027-04-30,Understand Buyer Need,${org.rep.email},Existing Business`,
      `006IMPNEW000000001,Fresh,Acme,1000,2027-04-30,Qualify,${org.rep.email},New Business`,
      `006IMPEXP000000002,Upsell two,Acme,1000,2027-04-30,Prospecting,${org.rep.email},Existing Business`,
    ].join("\n");
    const form = new FormData();
    form.set("file", new Blob([csv], { type: "text/csv" }), "export.csv");
    form.set("source", "salesforce");
    form.set("dryRun", "false");
    const req = new Request("http://localhost/api/v1/imports", {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${org.admin.token}` },
    });
    const report = await (await imports.POST(req, { params: Promise.resolve({}) })).json();
    const outcomes = report.rows.map((r: any) => [r.externalId, r.outcome, r.errors?.[0]?.field]);
    expect(outcomes).toEqual([
      ["006IMPEXP000000001", "created", undefined],
      ["006IMPNEW000000001", "created", undefined],
      // Prospecting is Standard B2B's Identify, which Six steps has not: an expansion's stage is read in its own process.
      ["006IMPEXP000000002", "refused", "stage"],
    ]);
    const dealOf = (externalId: string) =>
      db().opportunity.findUniqueOrThrow({ where: { externalSource_externalId: { externalSource: "salesforce", externalId } } });
    expect(await dealOf("006IMPEXP000000001")).toMatchObject({ processVersionId: sixSteps.id, stageKey: "understand_need", type: "expansion" });
    const fresh = await dealOf("006IMPNEW000000001");
    expect([await processKeyOf(fresh.processVersionId), fresh.stageKey]).toEqual(["standard_b2b", "qualify"]);
  });

  test("the board offers a tied process even with no open deal in the viewer's sight", async () => {
    const keys = async () => (await listProcessOptions(db(), await actorOf(org.outsider), "standard_b2b")).map((p) => p.key);
    expect(await keys()).toEqual(["standard_b2b", "six_steps"]);
    expect((await patch("six_steps", { opportunityType: null })).status).toBe(200);
    expect(await keys()).toEqual(["standard_b2b"]);
  });

  test("untied, and another process made the default: new deals of both types follow the default", async () => {
    expect((await patch("customer_lifecycle", { isDefault: true })).body).toMatchObject({ isDefault: true, opportunityType: null });
    expect(await lastAudit()).toMatchObject({
      before: { key: "customer_lifecycle", isDefault: false },
      after: { key: "customer_lifecycle", isDefault: true },
    });
    const defaults = await db().process.findMany({ where: { isDefault: true }, select: { key: true } });
    expect(defaults).toEqual([{ key: "customer_lifecycle" }]);
    for (const type of ["new", "expansion"]) expect((await createDeal(org.rep.token, { type })).processVersionId).toBe(lifecycle.id);
    expect((await patch("standard_b2b", { isDefault: true })).status).toBe(200);
  });
});
