// Every role against every deal: reps see their own, managers their team's, the deal desk what was
// put in front of its groups, admins everything; a deal out of reach is 404, never 403.
import { beforeAll, describe, expect, test } from "vitest";
import * as attest from "@/app/api/v1/opportunities/[id]/criteria/[key]/route";
import * as history from "@/app/api/v1/opportunities/[id]/history/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import * as list from "@/app/api/v1/opportunities/route";
import { canSee, visibleOpportunities, visibleOpportunitiesSql } from "@/src/auth/authorize";
import { database, db } from "@/src/server/db";
import { actorOf } from "../support/board";
import { call } from "../support/http";
import { createOrg, createUser } from "../support/fixtures";
import { createDeal, ensureDefaults } from "../support/deals";

let org: Awaited<ReturnType<typeof createOrg>>;
let deals: Record<"rep" | "teammate" | "outsider" | "toLegal", string>;
let otherManager: Awaited<ReturnType<typeof createUser>>;
let legal: Awaited<ReturnType<typeof createUser>>;
let deputy: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  otherManager = await createUser({ role: "manager", teamId: org.otherTeam.id });
  legal = await createUser({ role: "deal_desk", groups: ["legal", "sales_ops"] });
  await db().team.update({ where: { id: org.otherTeam.id }, data: { managerId: otherManager.id } });
  // A manager on no team whom an admin named Mid-Market's deputy for the sales manager group.
  deputy = await createUser({ role: "manager" });
  await db().team.update({ where: { id: org.otherTeam.id }, data: { approvalDeputyId: deputy.id } });
  deals = {
    rep: (await createDeal(org.rep.token)).id,
    teammate: (await createDeal(org.teammate.token)).id,
    outsider: (await createDeal(org.outsider.token)).id,
    toLegal: (await createDeal(org.outsider.token)).id,
  };
  // The outsider's deals went to the deal desk: one to finance, the other to the sales manager and legal.
  const submit = (opportunityId: string, requiredGroups: ("sales_manager" | "finance" | "legal")[]) =>
    db().approvalRequest.create({
      data: { opportunityId, requestedById: org.outsider.id, justification: "Strategic logo", requiredGroups, termsSnapshot: {} },
    });
  await submit(deals.outsider, ["finance"]);
  await submit(deals.toLegal, ["sales_manager", "legal"]);
});

const visibleTo = async (token: string) =>
  ((await call(list.GET, { token, path: "/api/v1/opportunities?limit=200" })).body.items as { id: string }[]).map((d) => d.id).sort();

describe("who sees which deals", () => {
  test("a rep sees their own deals only", async () => expect(await visibleTo(org.rep.token)).toEqual([deals.rep]));
  test("a manager sees their team's deals", async () => expect(await visibleTo(org.manager.token)).toEqual([deals.rep, deals.teammate].sort()));
  test("another team's manager sees theirs", async () => expect(await visibleTo(otherManager.token)).toEqual([deals.outsider, deals.toLegal].sort()));
  test("the deal desk sees the deals submitted to one of its groups", async () => {
    expect(await visibleTo(org.finance.token)).toEqual([deals.outsider]);
    expect(await visibleTo(legal.token)).toEqual([deals.toLegal]);
  });
  test("an admin sees every deal", async () => expect(await visibleTo(org.admin.token)).toEqual(Object.values(deals).sort()));
  test("a team's deputy sees that team's deals that asked the sales manager, which they decide for", async () =>
    expect(await visibleTo(deputy.token)).toEqual([deals.toLegal]));
});

describe("a deal out of reach is 404 on every endpoint", () => {
  const cases = () =>
    [
      ["a rep, on a teammate's deal", org.rep.token, deals.teammate],
      ["a rep, on another team's deal", org.rep.token, deals.outsider],
      ["a manager, on another team's deal", org.manager.token, deals.outsider],
      ["the deal desk, on a deal never submitted", org.finance.token, deals.rep],
      ["the deal desk, on a deal submitted to another group", org.finance.token, deals.toLegal],
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

describe("the rule is one rule, however it is read", () => {
  test("the SQL of the write path and the lists, Prisma's where for the board and the pages, and inScope agree for every actor", async () => {
    const rows = await db().opportunity.findMany({
      select: {
        id: true,
        ownerId: true,
        owner: { select: { teamId: true, team: { select: { approvalDeputyId: true } } } },
        approvalRequests: { select: { requiredGroups: true } },
      },
    });
    const cast = { rep: org.rep, manager: org.manager, otherManager, finance: org.finance, legal, admin: org.admin, deputy };
    for (const [who, user] of Object.entries(cast)) {
      const actor = await actorOf(user);
      const bySql = (
        await database()
          .sql.selectFrom("Opportunity as o")
          .innerJoin("User as u", "u.id", "o.ownerId")
          .select("o.id")
          .where(visibleOpportunitiesSql(actor))
          .execute()
      ).map((r) => r.id);
      const byPrisma = (await db().opportunity.findMany({ where: visibleOpportunities(actor), select: { id: true } })).map((r) => r.id);
      const byRule = rows
        .filter((r) =>
          canSee(actor, {
            ownerId: r.ownerId,
            ownerTeamId: r.owner.teamId,
            submittedTo: r.approvalRequests.flatMap((a) => a.requiredGroups),
            ownerTeamDeputyId: r.owner.team?.approvalDeputyId ?? null,
          }),
        )
        .map((r) => r.id);
      expect([who, bySql.sort(), byPrisma.sort()]).toEqual([who, byRule.sort(), byRule.sort()]);
    }
  });
});
