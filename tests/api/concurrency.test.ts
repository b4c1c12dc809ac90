import { beforeAll, expect, test } from "vitest";
import * as attest from "@/app/api/v1/opportunities/[id]/criteria/[key]/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { db } from "@/src/server/db";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, ensureDefaults, satisfyStages } from "../support/deals";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

test("twenty simultaneous writes naming one version: exactly one succeeds, the rest are 409", async () => {
  const deal = await createDeal(org.rep.token);
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      call(one.PATCH, { token: org.rep.token, params: { id: deal.id }, method: "PATCH", body: { version: 1, amount: 1000 + i } }),
    ),
  );
  const statuses = results.map((r) => r.status).sort();
  expect(statuses).toEqual([200, ...Array(19).fill(409)]);
  const winner = results.find((r) => r.status === 200)!;
  const row = await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } });
  expect([row.version, Number(row.amountCents) / 100]).toEqual([2, winner.body.amount]);
  for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.details.currentVersion).toBe(2);
  expect(await db().historyEntry.count({ where: { opportunityId: deal.id, type: "field_changed" } })).toBe(1);
});

test("a move racing an attestation: one wins, the other is told the deal changed", async () => {
  const deal = await createDeal(org.rep.token);
  await satisfyStages(deal.id, ["identify"], org.rep.id);
  const [moved, attested] = await Promise.all([
    call(transitions.POST, { token: org.rep.token, params: { id: deal.id }, body: { toStage: "qualify", version: 1 } }),
    call(attest.POST, { token: org.manager.token, params: { id: deal.id, key: "budget_confirmed" }, body: { satisfied: true, version: 1 } }),
  ]);
  expect([moved.status, attested.status].sort()).toEqual([200, 409]);
  expect((await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } })).version).toBe(2);
});

test("twenty simultaneous moves of one deal record one stage change", async () => {
  const deal = await createDeal(org.rep.token);
  await satisfyStages(deal.id, ["identify"], org.rep.id);
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      call(transitions.POST, { token: org.rep.token, params: { id: deal.id }, body: { toStage: "qualify", version: 1 } }),
    ),
  );
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  expect(await db().historyEntry.count({ where: { opportunityId: deal.id, type: "stage_changed" } })).toBe(1);
});
