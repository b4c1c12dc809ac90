// The stages each deal has entered, kept on the deal for the dashboard's conversion
// (src/server/metrics/reached-stages.ts, docs/decisions/008-reached-stages-summary.md): kept in step
// with the history by every write, and rebuilding it from the history gives exactly the same numbers.
import { sql } from "kysely";
import { beforeAll, expect, test } from "vitest";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { database, db } from "@/src/server/db";
import { conversionByStage } from "@/src/server/metrics/compute-metrics";
import type { MetricsScope } from "@/src/server/metrics/metrics-scope";
import { rebuildReachedStages, reachedStagesDrift } from "@/src/server/metrics/reached-stages";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";
import { createDeal, currentVersion, ensureDefaults, satisfyStages } from "../../support/deals";
import { createTeam, createUser, type TestUser } from "../../support/fixtures";
import { call } from "../../support/http";

const OPEN = ["identify", "qualify", "propose", "negotiate", "finalize"];

let rep: TestUser;
let scope: MetricsScope;

beforeAll(() => ensureDefaults());

/** Each test's own team and rep, and the dashboard's scope over that team for every deal closed until today. */
async function newTeam() {
  const team = await createTeam();
  rep = await createUser({ role: "rep", teamId: team.id });
  const process = await getActiveProcessVersion(database().sql);
  const row = await db().processVersion.findUniqueOrThrow({ where: { id: process.id }, include: { process: true } });
  scope = {
    period: { from: "2020-01-01", to: new Date().toISOString().slice(0, 10) },
    teamIds: [team.id],
    ownerId: null,
    process: { id: row.processId, key: row.process.key, name: row.process.name, versionId: row.id },
    versionIds: [row.id],
  };
}

async function move(id: string, toStage: string, extra: Record<string, unknown> = {}) {
  const res = await call(transitions.POST, { token: rep.token, params: { id }, body: { version: await currentVersion(id), toStage, ...extra } });
  if (res.status !== 200) throw new Error(`move to ${toStage}: ${res.status} ${JSON.stringify(res.body)}`);
}

const kept = async (id: string) => (await db().opportunity.findUniqueOrThrow({ where: { id } })).reachedStages;
const lost = { reasonCategory: "price", explanation: "Too dear", competitor: "none", missingFunctionality: "none" };

test("every move, back, loss and re-open keeps the deal's stages in the order first entered", async () => {
  await newTeam();
  const deal = await createDeal(rep.token, { amount: 30_000 });
  expect(await kept(deal.id)).toEqual(["identify"]);
  await satisfyStages(deal.id, OPEN, rep.id);
  await move(deal.id, "qualify");
  await move(deal.id, "propose");
  await move(deal.id, "qualify", { reason: "The buyer's budget moved to next year" });
  expect(await kept(deal.id)).toEqual(["identify", "qualify", "propose"]);
  await move(deal.id, "closed_lost", { lost });
  await move(deal.id, "qualify", { reason: "They called back" });
  expect(await kept(deal.id)).toEqual(["identify", "qualify", "propose", "closed_lost"]);

  const won = await createDeal(rep.token, { amount: 20_000 });
  await satisfyStages(won.id, OPEN, rep.id);
  for (const stage of [...OPEN.slice(1), "closed_won"]) await move(won.id, stage, stage === "closed_won" ? { won: { whyWon: "Best fit" } } : {});
  expect(await kept(won.id)).toEqual([...OPEN, "closed_won"]);

  expect(await reachedStagesDrift(database().sql)).toEqual([]);
});

test("rebuilding the summary from the history gives exactly the same conversion, and mends a summary written around it", async () => {
  await newTeam();
  const q = database().sql;
  for (const [amount, end] of [
    [40_000, "closed_lost"],
    [15_000, "closed_won"],
  ] as const) {
    const deal = await createDeal(rep.token, { amount });
    await satisfyStages(deal.id, OPEN, rep.id);
    for (const stage of OPEN.slice(1, end === "closed_won" ? 5 : 3)) await move(deal.id, stage);
    await move(deal.id, end, end === "closed_won" ? { won: { whyWon: "Fast rollout" } } : { lost });
  }
  const kept = await conversionByStage(q, scope, "USD", "history");
  expect(kept.find((s) => s.stage === "propose")).toMatchObject({ reached: 2, won: 1, reachedValue: 55_000, wonValue: 15_000 });

  expect(await rebuildReachedStages(q)).toBe(0);
  expect(await conversionByStage(q, scope, "USD", "history")).toEqual(kept);

  // A write that bypassed the history (none in the app does): the drift is found and the rebuild mends it.
  const [one] = await sql<{ id: string }>`SELECT "id" FROM "Opportunity" WHERE "ownerId" = ${rep.id} AND "status" = 'won' LIMIT 1`
    .execute(q)
    .then((r) => r.rows);
  await sql`UPDATE "Opportunity" SET "reachedStages" = ARRAY['identify'] WHERE "id" = ${one!.id}`.execute(q);
  expect((await reachedStagesDrift(q)).map((d) => d.id)).toEqual([one!.id]);
  expect(await conversionByStage(q, scope, "USD", "history")).not.toEqual(kept);
  expect(await rebuildReachedStages(q)).toBe(1);
  expect(await conversionByStage(q, scope, "USD", "history")).toEqual(kept);
  expect(await reachedStagesDrift(q)).toEqual([]);
});
