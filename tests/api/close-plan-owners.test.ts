// Who may own a close plan step on our side: the deal's owner, their team and its manager, and the
// deal desk. Anyone else is refused exactly as an id that names nobody, so the answer tells a caller
// nothing about which ids exist. Through the API and through the pages' action.
import { beforeAll, describe, expect, test, vi } from "vitest";
import * as closePlan from "@/app/api/v1/opportunities/[id]/close-plan/route";
import * as dealActions from "@/app/opportunities/_actions/deal-actions";
import { db } from "@/src/server/db";
import { signInAs } from "../support/action-session";
import { createDeal, currentVersion, ensureDefaults } from "../support/deals";
import { createOrg, createTeam, createUser, type TestUser } from "../support/fixtures";
import { call } from "../support/http";

vi.mock("next/headers", async () => (await import("../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ refresh: () => undefined }));

let org: Awaited<ReturnType<typeof createOrg>>;
let cast: Record<"teamAdmin" | "formerTeammate" | "otherManager" | "otherDesk" | "teamlessAdmin", TestUser>;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  const third = await createTeam("Channel");
  cast = {
    teamAdmin: await createUser({ role: "admin", teamId: org.team.id }),
    formerTeammate: await createUser({ role: "rep", teamId: org.team.id, active: false }),
    otherManager: await createUser({ role: "manager", teamId: third.id }),
    otherDesk: await createUser({ role: "deal_desk", groups: ["legal"], teamId: third.id }),
    teamlessAdmin: org.admin,
  };
  await db().team.update({ where: { id: third.id }, data: { managerId: cast.otherManager.id } });
  await signInAs(org.rep);
});

const REFUSAL = {
  code: "VALIDATION_FAILED",
  message: "A step's owner must be the deal's owner, someone on their team, its manager or the deal desk.",
  details: { fields: [{ field: "steps.ownerUserId", message: "not someone who may own this deal's steps" }] },
};

const stepFor = (ownerUserId: string) => ({ title: "Security review", ownerUserId, dueDate: "2027-03-01" });

const putPlan = (id: string, version: number, ownerIds: string[]) =>
  call(closePlan.PUT, { token: org.rep.token, params: { id }, method: "PUT", body: { version, steps: ownerIds.map(stepFor) } });

describe("through the API", () => {
  test("the owner, a teammate of any role, the team's manager and the deal desk may own steps", async () => {
    const { id } = await createDeal(org.rep.token);
    const owners = [org.rep.id, org.teammate.id, cast.teamAdmin.id, org.manager.id, org.finance.id, cast.otherDesk.id];
    const res = await putPlan(id, 1, owners);
    expect(res.status).toBe(200);
    expect(res.body.steps.map((s: { ownerUserId: string }) => s.ownerUserId)).toEqual(owners);
  });

  test("an unknown id, an inactive teammate and anyone out of reach get one and the same answer", async () => {
    const { id } = await createDeal(org.rep.token);
    const answers: Record<string, unknown> = {};
    const refused = {
      "an id that names nobody": "no-such-user",
      "an id of another table": id,
      "another team's rep": org.outsider.id,
      "another team's manager": cast.otherManager.id,
      "an admin on no team": cast.teamlessAdmin.id,
      "a teammate who left": cast.formerTeammate.id,
    };
    for (const [who, ownerId] of Object.entries(refused)) {
      const res = await putPlan(id, 1, [org.rep.id, ownerId]);
      answers[who] = [res.status, res.body];
    }
    expect(answers).toEqual(Object.fromEntries(Object.keys(refused).map((who) => [who, [400, { error: REFUSAL }]])));
    expect(await currentVersion(id)).toBe(1);
    expect(await db().closePlanStep.count({ where: { opportunityId: id } })).toBe(0);
  });

  test("the rule follows the deal's owner, not the caller: a manager plans a teammate's deal with the teammate's team", async () => {
    const { id } = await createDeal(org.teammate.token);
    const res = await call(closePlan.PUT, {
      token: org.manager.token,
      params: { id },
      method: "PUT",
      body: { version: 1, steps: [stepFor(org.rep.id), stepFor(org.outsider.id)] },
    });
    expect([res.status, res.body.error]).toEqual([400, REFUSAL]);
  });

  test("a plan saved again keeps the owners it already has, even those the rule would not admit now", async () => {
    const { id } = await createDeal(org.rep.token);
    // The deal was another team's when this step was given; it has since changed hands.
    await db().closePlanStep.create({ data: { opportunityId: id, title: "Pricing sign-off", ownerUserId: org.outsider.id, position: 0 } });
    const res = await putPlan(id, 1, [org.outsider.id, org.teammate.id]);
    expect(res.status).toBe(200);
    const again = await putPlan(id, 2, [org.outsider.id, cast.otherManager.id]);
    expect([again.status, again.body.error]).toEqual([400, REFUSAL]);
  });
});

describe("through the pages' action", () => {
  test("the same owners are refused with the same words, and the allowed ones are kept", async () => {
    const { id } = await createDeal(org.rep.token);
    const results: Record<string, unknown> = {};
    for (const [who, ownerId] of Object.entries({ nobody: "no-such-user", outsider: org.outsider.id, "left the team": cast.formerTeammate.id })) {
      const result = await dealActions.replaceDealClosePlan({ id, version: 1, steps: [stepFor(ownerId)] });
      // The action's details also carry the deal's card, for the page to redraw.
      const fields = result.ok ? null : (result.error.details as { fields: unknown }).fields;
      results[who] = result.ok ? "ok" : { code: result.error.code, message: result.error.message, details: { fields } };
    }
    expect(results).toEqual({ nobody: REFUSAL, outsider: REFUSAL, "left the team": REFUSAL });

    const ok = await dealActions.replaceDealClosePlan({ id, version: 1, steps: [stepFor(org.manager.id), stepFor(org.finance.id)] });
    expect(ok.ok).toBe(true);
    expect((await db().closePlanStep.findMany({ where: { opportunityId: id }, orderBy: { position: "asc" } })).map((s) => s.ownerUserId)).toEqual([
      org.manager.id,
      org.finance.id,
    ]);
  });
});
