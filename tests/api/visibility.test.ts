// Every role against every deal: reps see their own, managers their team's, the deal desk what was
// put in front of it, admins everything; a deal out of reach is 404, never 403.
import { beforeAll, describe, expect, test } from "vitest";
import * as attest from "@/app/api/v1/opportunities/[id]/criteria/[key]/route";
import * as history from "@/app/api/v1/opportunities/[id]/history/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import * as list from "@/app/api/v1/opportunities/route";
import { db } from "@/src/server/db";
import { call } from "../support/http";
import { createOrg, createUser } from "../support/fixtures";
import { createDeal, ensureDefaults } from "../support/deals";

let org: Awaited<ReturnType<typeof createOrg>>;
let deals: Record<"rep" | "teammate" | "outsider", string>;
let otherManager: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  otherManager = await createUser({ role: "manager", teamId: org.otherTeam.id });
  await db().team.update({ where: { id: org.otherTeam.id }, data: { managerId: otherManager.id } });
  deals = {
    rep: (await createDeal(org.rep.token)).id,
    teammate: (await createDeal(org.teammate.token)).id,
    outsider: (await createDeal(org.outsider.token)).id,
  };
  // The outsider's deal went to the deal desk.
  await db().approvalRequest.create({
    data: {
      opportunityId: deals.outsider,
      requestedById: org.outsider.id,
      justification: "Strategic logo",
      requiredGroups: ["finance"],
      termsSnapshot: {},
    },
  });
});

const visibleTo = async (token: string) =>
  ((await call(list.GET, { token, path: "/api/v1/opportunities?limit=200" })).body.items as { id: string }[]).map((d) => d.id).sort();

describe("who sees which deals", () => {
  test("a rep sees their own deals only", async () => expect(await visibleTo(org.rep.token)).toEqual([deals.rep]));
  test("a manager sees their team's deals", async () => expect(await visibleTo(org.manager.token)).toEqual([deals.rep, deals.teammate].sort()));
  test("another team's manager sees theirs", async () => expect(await visibleTo(otherManager.token)).toEqual([deals.outsider]));
  test("the deal desk sees deals submitted for approval", async () => expect(await visibleTo(org.finance.token)).toEqual([deals.outsider]));
  test("an admin sees every deal", async () => expect(await visibleTo(org.admin.token)).toEqual(Object.values(deals).sort()));
});

describe("a deal out of reach is 404 on every endpoint", () => {
  const cases = () =>
    [
      ["a rep, on a teammate's deal", org.rep.token, deals.teammate],
      ["a rep, on another team's deal", org.rep.token, deals.outsider],
      ["a manager, on another team's deal", org.manager.token, deals.outsider],
      ["the deal desk, on a deal never submitted", org.finance.token, deals.rep],
    ] as const;

  test("GET, PATCH, criteria, transitions and history", async () => {
    for (const [who, token, id] of cases()) {
      const results = {
        get: await call(one.GET, { token, params: { id } }),
        patch: await call(one.PATCH, { token, params: { id }, method: "PATCH", body: { version: 1, amount: 1 } }),
        attest: await call(attest.POST, { token, params: { id, key: "decision_maker_meeting" }, body: { satisfied: true, version: 1 } }),
        move: await call(transitions.POST, { token, params: { id }, body: { toStage: "qualify", version: 1 } }),
        history: await call(history.GET, { token, params: { id } }),
      };
      for (const [endpoint, res] of Object.entries(results)) expect([who, endpoint, res.status]).toEqual([who, endpoint, 404]);
    }
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: deals.teammate } })).version).toBe(1);
  });
});

describe("seeing is not changing", () => {
  test("the deal desk and admins may read a deal but not change it (403)", async () => {
    for (const token of [org.finance.token, org.admin.token]) {
      expect((await call(one.GET, { token, params: { id: deals.outsider } })).status).toBe(200);
      const res = await call(one.PATCH, { token, params: { id: deals.outsider }, method: "PATCH", body: { version: 1, amount: 1 } });
      expect(res.status).toBe(403);
    }
  });

  test("a manager changes a team member's deal", async () => {
    const res = await call(one.PATCH, {
      token: org.manager.token,
      params: { id: deals.teammate },
      method: "PATCH",
      body: { version: 1, nextStep: "Exec sponsor call" },
    });
    expect(res.status).toBe(200);
  });
});
