// Every rule of docs/rules/moves.md through the API: what is refused, with which answer, and that a
// refused move changes nothing.
import { beforeAll, describe, expect, test } from "vitest";
import * as attest from "@/app/api/v1/opportunities/[id]/criteria/[key]/route";
import * as disqualify from "@/app/api/v1/opportunities/[id]/disqualify/route";
import * as history from "@/app/api/v1/opportunities/[id]/history/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { db } from "@/src/server/db";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, currentVersion, ensureDefaults, satisfyStages } from "../support/deals";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const move = async (token: string, id: string, body: Record<string, unknown>) =>
  call(transitions.POST, { token, params: { id }, body: { version: await currentVersion(id), ...body } });

const LOST = { reasonCategory: "price", explanation: "Budget cut", competitor: "none", missingFunctionality: "none" };

/** A deal of the rep's, already moved (with criteria satisfied) to `stage`. */
async function dealIn(stage: string) {
  const deal = await createDeal(org.rep.token);
  const order = ["identify", "qualify", "propose", "negotiate", "finalize"];
  const before = order.slice(0, order.indexOf(stage));
  await satisfyStages(deal.id, before, org.rep.id);
  if (before.length) expect((await move(org.rep.token, deal.id, { toStage: stage })).status).toBe(200);
  return deal.id;
}

describe("forward moves", () => {
  test("are refused with every unmet criterion of the current stage, and nothing changes", async () => {
    const id = await dealIn("identify");
    const res = await move(org.rep.token, id, { toStage: "qualify" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("EXIT_CRITERIA_UNMET");
    expect(res.body.error.details.unmet.map((u: any) => [u.stage, u.key])).toEqual([
      ["identify", "decision_maker_meeting"],
      ["identify", "buying_process"],
      ["identify", "people_involved"],
    ]);
    expect(res.body.error.details.unmet[0].label).toEqual(expect.any(String));
    const row = await db().opportunity.findUniqueOrThrow({ where: { id } });
    expect([row.stageKey, row.version]).toEqual(["identify", 1]);
  });

  test("skipping stages lists the unmet criteria of each stage in the way, grouped by stage", async () => {
    const id = await dealIn("identify");
    await satisfyStages(id, ["identify"], org.rep.id);
    const res = await move(org.rep.token, id, { toStage: "negotiate" });
    expect(res.status).toBe(422);
    const stages = res.body.error.details.unmet.map((u: any) => u.stage);
    expect([...new Set(stages)]).toEqual(["qualify", "propose"]);
    // The close date is always set, so "decision date set" already holds; the target's own are not asked.
    expect(res.body.error.details.unmet.map((u: any) => u.key)).toEqual([
      "champion_named",
      "value_fit_confirmed",
      "budget_confirmed",
      "decision_criteria",
      "quote_generated",
      "pricing_presented",
      "close_plan",
    ]);
  });

  test("attesting the check criteria and recording the fields lets the move through", async () => {
    const id = await dealIn("identify");
    const ok = await call(attest.POST, {
      token: org.rep.token,
      params: { id, key: "decision_maker_meeting" },
      body: { satisfied: true, note: "Met the CIO", version: 1 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.exitCriteria.find((c: any) => c.key === "decision_maker_meeting").satisfied).toBe(true);
    await db().opportunity.update({ where: { id }, data: { buyingProcess: "IT evaluates, CFO signs" } });
    await db().opportunityContact.create({ data: { opportunityId: id, name: "Dana Cho", role: "decision_maker" } });
    const res = await move(org.rep.token, id, { toStage: "qualify" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: "qualify", stageName: "Qualify", probability: 25, version: 3 });
  });

  test("a deal moves several stages at once when every stage in the way is satisfied", async () => {
    const id = await dealIn("identify");
    await satisfyStages(id, ["identify", "qualify", "propose"], org.rep.id);
    const res = await move(org.rep.token, id, { toStage: "negotiate" });
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe("negotiate");
  });

  test("a non-standard deal cannot leave Negotiate until the deal desk approves", async () => {
    const id = await dealIn("negotiate");
    await satisfyStages(id, ["negotiate"], org.rep.id);
    await db().opportunity.update({ where: { id }, data: { discountPercent: 20 } });
    const res = await move(org.rep.token, id, { toStage: "finalize" });
    expect(res.status).toBe(422);
    expect(res.body.error.details.unmet.map((u: any) => u.key)).toEqual(["deal_desk_approval"]);
  });
});

describe("backward moves", () => {
  test("need a reason", async () => {
    const id = await dealIn("propose");
    const res = await move(org.rep.token, id, { toStage: "qualify" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field: "reason", message: "say why the deal moves back" }]);
    const ok = await move(org.rep.token, id, { toStage: "qualify", reason: "Champion left the company" });
    expect(ok.status).toBe(200);
    expect(ok.body.stage).toBe("qualify");
  });
});

describe("Closed Lost", () => {
  test("is not allowed from the first stage: disqualify instead", async () => {
    const id = await dealIn("identify");
    const res = await move(org.rep.token, id, { toStage: "closed_lost", lost: LOST });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("TRANSITION_NOT_ALLOWED");
    expect(res.body.error.message).toMatch(/disqualify/i);
  });

  test("needs its four fields, then closes the deal without checking criteria", async () => {
    const id = await dealIn("qualify");
    const missing = await move(org.rep.token, id, { toStage: "closed_lost", lost: { reasonCategory: "price" } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields.map((f: any) => f.field)).toEqual(["lost.explanation", "lost.competitor", "lost.missingFunctionality"]);
    const res = await move(org.rep.token, id, { toStage: "closed_lost", lost: { ...LOST, competitor: "Acme CRM" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "lost", stage: "closed_lost", lost: { ...LOST, competitor: "Acme CRM" }, exitCriteria: [] });
    expect(res.body.closedAt).not.toBeNull();
  });

  test("a lost deal re-opens into Qualify or later, with a reason", async () => {
    const id = await dealIn("propose");
    await move(org.rep.token, id, { toStage: "closed_lost", lost: LOST });
    expect((await move(org.rep.token, id, { toStage: "identify", reason: "Back" })).status).toBe(422);
    expect((await move(org.rep.token, id, { toStage: "qualify" })).status).toBe(400);
    const res = await move(org.rep.token, id, { toStage: "qualify", reason: "New budget approved for next year" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "open", stage: "qualify", closedAt: null });
  });

  // The dashboard's movement relies on it (docs/rules/dashboard.md): every change of stage or status
  // sets stageEnteredAt to the time of the history entry it writes.
  test("the loss and the re-open each set the deal's stageEnteredAt to their history entry's time", async () => {
    const id = await dealIn("propose");
    const entered = async () => (await db().opportunity.findUniqueOrThrow({ where: { id } })).stageEnteredAt;
    const latest = async (type: string) =>
      (await db().historyEntry.findFirstOrThrow({ where: { opportunityId: id, type: type as never }, orderBy: { at: "desc" } })).at;
    await move(org.rep.token, id, { toStage: "closed_lost", lost: LOST });
    expect(await entered()).toEqual(await latest("stage_changed"));
    await move(org.rep.token, id, { toStage: "qualify", reason: "New budget approved for next year" });
    const reopened = await latest("reopened");
    expect(await entered()).toEqual(reopened);
    expect(reopened.getTime()).toBeGreaterThan((await latest("stage_changed")).getTime());
  });
});

describe("Closed Won", () => {
  test("needs why we won, every remaining criterion and the signed contract", async () => {
    const id = await dealIn("negotiate");
    const noWhy = await move(org.rep.token, id, { toStage: "closed_won" });
    expect(noWhy.status).toBe(400);
    expect(noWhy.body.error.details.fields).toEqual([{ field: "won.whyWon", message: "say why we won" }]);
    const unmet = await move(org.rep.token, id, { toStage: "closed_won", won: { whyWon: "Best integration story" } });
    expect(unmet.status).toBe(422);
    expect([...new Set(unmet.body.error.details.unmet.map((u: any) => u.stage))]).toEqual(["negotiate", "finalize"]);
    expect(unmet.body.error.details.unmet.map((u: any) => u.key)).toContain("signed_contract");
    await satisfyStages(id, ["negotiate", "finalize"], org.rep.id);
    const res = await move(org.rep.token, id, { toStage: "closed_won", won: { whyWon: "Best integration story" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "won", stage: "closed_won", whyWon: "Best integration story", probability: 100 });
  });

  test("a won deal cannot move again", async () => {
    const id = await dealIn("finalize");
    await satisfyStages(id, ["finalize"], org.rep.id);
    await move(org.rep.token, id, { toStage: "closed_won", won: { whyWon: "Price" } });
    const res = await move(org.rep.token, id, { toStage: "negotiate", reason: "oops" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("TRANSITION_NOT_ALLOWED");
  });
});

describe("a manager's override", () => {
  test("moves past unmet criteria with a justification, recorded and flagged", async () => {
    const deal = await createDeal(org.rep.token);
    const res = await move(org.manager.token, deal.id, { toStage: "qualify", override: { justification: "Exec sponsor confirmed verbally" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: "qualify", overridden: true });
    const entries = await db().historyEntry.findMany({ where: { opportunityId: deal.id, type: "override" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actorId).toBe(org.manager.id);
    expect(entries[0]!.details).toMatchObject({
      justification: "Exec sponsor confirmed verbally",
      unmet: expect.arrayContaining([expect.objectContaining({ key: "decision_maker_meeting" })]),
    });
  });

  test("is refused to a rep (403) and without a justification (400)", async () => {
    const deal = await createDeal(org.rep.token);
    expect((await move(org.rep.token, deal.id, { toStage: "qualify", override: { justification: "trust me" } })).status).toBe(403);
    expect((await move(org.manager.token, deal.id, { toStage: "qualify", override: { justification: " " } })).status).toBe(400);
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: deal.id } })).stageKey).toBe("identify");
  });
});

describe("disqualifying", () => {
  test("archives a first-stage deal with a reason; a later deal cannot be disqualified", async () => {
    const early = await createDeal(org.rep.token);
    const res = await call(disqualify.POST, {
      token: org.rep.token,
      params: { id: early.id },
      body: { reason: "No budget, no project", version: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "disqualified", disqualifiedReason: "No budget, no project", stage: "identify" });
    expect((await move(org.rep.token, early.id, { toStage: "qualify" })).status).toBe(422);
    const later = await dealIn("qualify");
    const refused = await call(disqualify.POST, {
      token: org.rep.token,
      params: { id: later },
      body: { reason: "x", version: await currentVersion(later) },
    });
    expect(refused.status).toBe(422);
  });
});

describe("requests that are not moves", () => {
  test.each([
    ["an unknown stage", { toStage: "closed_maybe" }, 400],
    ["the current stage", { toStage: "identify" }, 422],
    ["no version", { toStage: "qualify", version: undefined }, 400],
    ["an unknown field", { toStage: "qualify", skipChecks: true }, 400],
  ])("%s", async (_, body, status) => {
    const deal = await createDeal(org.rep.token);
    const res = await call(transitions.POST, { token: org.rep.token, params: { id: deal.id }, body: { version: 1, ...body } });
    expect(res.status).toBe(status);
  });
});

test("the history tells the deal's whole story, oldest first", async () => {
  const id = await dealIn("propose");
  await move(org.rep.token, id, { toStage: "qualify", reason: "Re-qualify after reorg" });
  await move(org.rep.token, id, { toStage: "closed_lost", lost: LOST });
  const res = await call(history.GET, { token: org.rep.token, params: { id } });
  expect(res.status).toBe(200);
  const moves = res.body.items.filter((e: any) => e.type === "stage_changed").map((e: any) => [e.fromStage, e.toStage]);
  expect(res.body.items[0].type).toBe("created");
  expect(moves).toEqual([
    ["identify", "propose"],
    ["propose", "qualify"],
    ["qualify", "closed_lost"],
  ]);
  const last = res.body.items.at(-1);
  expect(last).toMatchObject({ actorId: org.rep.id, details: { kind: "lost", lost: LOST } });
  expect(last.secondsInStage).toBeGreaterThanOrEqual(0);
});
