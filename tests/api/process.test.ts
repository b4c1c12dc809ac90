import { beforeAll, expect, test } from "vitest";
import * as processRoute from "@/app/api/v1/process/route";
import { database, db } from "@/src/server/db";
import { ensureDefaultProcess } from "@/src/server/process/ensure-default-process";
import { call } from "../support/http";
import { createUser } from "../support/fixtures";

beforeAll(async () => {
  await database().transaction((tx) => ensureDefaultProcess(tx));
});

test("GET /api/v1/process answers the Standard B2B stages with typed exit criteria", async () => {
  const { token } = await createUser({ role: "rep" });
  const res = await call(processRoute.GET, { token });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ key: "standard_b2b", name: "Standard B2B", version: 1 });
  const stages = res.body.stages as any[];
  expect(stages.map((s) => [s.key, s.order, s.kind, s.probability])).toEqual([
    ["identify", 0, "open", 10],
    ["qualify", 1, "open", 25],
    ["propose", 2, "open", 50],
    ["negotiate", 3, "open", 75],
    ["finalize", 4, "open", 90],
    ["closed_won", 5, "won", 100],
    ["closed_lost", 6, "lost", 0],
  ]);
  expect(stages.map((s) => s.forecastCategory)).toEqual(["pipeline", "pipeline", "best_case", "commit", "commit", "closed", "omitted"]);
  const byKey = Object.fromEntries(stages.flatMap((s) => s.exitCriteria.map((c: any) => [c.key, c])));
  expect(byKey.buying_process).toEqual({
    key: "buying_process",
    label: expect.any(String),
    type: "field",
    field: "buyingProcess",
    condition: { op: "is_set" },
  });
  expect(byKey.champion_named).toMatchObject({ type: "field", field: "contacts", condition: { op: "has_contact_role", role: "champion" } });
  expect(byKey.quote_generated).toMatchObject({ type: "document", documentKind: "quote" });
  expect(byKey.close_plan).toMatchObject({ type: "plan", minSteps: 3 });
  expect(byKey.deal_desk_approval).toMatchObject({ type: "approval" });
  expect(byKey.signed_contract).toMatchObject({ type: "document", documentKind: "signed_contract" });
  expect(byKey.budget_confirmed).toEqual({ key: "budget_confirmed", label: expect.any(String), type: "check" });
  expect(stages[0].definition.length).toBeGreaterThan(10);
});

test("publishing the default process again is a no-op on start", async () => {
  await database().transaction((tx) => ensureDefaultProcess(tx));
  expect(await db().processVersion.count()).toBe(1);
});

test("without credentials it is 401", async () => {
  expect((await call(processRoute.GET)).status).toBe(401);
});
