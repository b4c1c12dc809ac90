// The home page's other sections: the approvals waiting on the deal desk and on managers, the
// admin's overview, the settings page's team names, and which role gets which section at all.
// Requests and decisions are written as rows, so each test states exactly what is pending; a deal has
// at most one pending request (the database holds that), so each pending request has its own deal.
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { db } from "@/src/server/db";
import { getApprovalsSummary, type ApprovalsSummary } from "@/src/server/home/get-approvals-summary";
import { getHomeSummary } from "@/src/server/home/get-home-summary";
import { getOwnProfile } from "@/src/server/home/get-own-profile";
import { publishProcess } from "@/src/server/process/manage-processes";
import { insertApprovalRequest } from "../../support/approvals";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg, createTeam, createUser } from "../../support/fixtures";

const NOW = new Date("2027-02-10T12:00:00Z");

let as: Record<"rep" | "manager" | "admin" | "finance" | "financeLegal" | "salesOps" | "deskNoGroups" | "regional", Actor>;
let ids: Record<string, string>;
let v2PublishedAt: Date;

beforeAll(async () => {
  await ensureDefaults();
  const org = await createOrg();
  const financeLegal = await createUser({ role: "deal_desk", groups: ["finance", "legal"] });
  const salesOps = await createUser({ role: "deal_desk", groups: ["sales_ops"] });
  const deskNoGroups = await createUser({ role: "deal_desk" });
  // A manager of two teams with no deals, and a user who left.
  const partners = await createTeam("Partners");
  const alliances = await createTeam("Alliances");
  const regional = await createUser({ role: "manager", teamId: partners.id });
  await db().team.updateMany({ where: { id: { in: [partners.id, alliances.id] } }, data: { managerId: regional.id } });
  await createUser({ role: "rep", teamId: org.otherTeam.id, active: false });
  as = {
    rep: await actorOf(org.rep),
    manager: await actorOf(org.manager),
    admin: await actorOf(org.admin),
    finance: await actorOf(org.finance),
    financeLegal: await actorOf(financeLegal),
    salesOps: await actorOf(salesOps),
    deskNoGroups: await actorOf(deskNoGroups),
    regional: await actorOf(regional),
  };

  // A second version of Standard B2B is the active one; Six steps is a second process, not the default.
  await publishProcess(as.admin, { template: "six_steps", makeDefault: false });
  await publishProcess(as.admin, { template: "standard_b2b", makeDefault: true, note: "Second edition" });
  v2PublishedAt = (await db().processVersion.findFirstOrThrow({ where: { process: { key: "standard_b2b" }, version: 2 } })).publishedAt;

  const deal = { amount: 10_000, closeDate: "2027-03-31", stage: "negotiate" };
  const acme = await insertDeal(org.rep.id, { ...deal, name: "Acme expansion" });
  const acme2 = await insertDeal(org.rep.id, { ...deal, name: "Acme renewal" });
  const globex = await insertDeal(org.outsider.id, { ...deal, name: "Globex deal" });
  const globex2 = await insertDeal(org.outsider.id, { ...deal, name: "Globex services" });
  const globex3 = await insertDeal(org.outsider.id, { ...deal, name: "Globex licences" });
  const hooli = await insertDeal(org.teammate.id, { ...deal, name: "Hooli migration" });
  const hooli2 = await insertDeal(org.teammate.id, { ...deal, name: "Hooli support" });
  const hooli3 = await insertDeal(org.teammate.id, { ...deal, name: "Hooli training" });
  await insertDeal(org.rep.id, { ...deal, name: "Initech quiet" });
  const won = await insertDeal(org.rep.id, { ...deal, name: "Wayne won", stage: "closed_won", status: "won", closedAt: NOW });
  await insertDeal(org.outsider.id, { ...deal, name: "Stark gone", stage: "identify", status: "disqualified", closedAt: NOW });

  const finance = { group: "finance" as const, by: org.finance.id };
  ids = {
    oldest: await insertApprovalRequest(globex, "2027-01-31T08:00:00Z", ["finance"], { targetHours: 48 }),
    acmeFinance: await insertApprovalRequest(acme, "2027-02-01T09:00:00Z", ["finance"]),
    // Finance has approved; legal has not decided yet.
    globexTwoGroups: await insertApprovalRequest(globex2, "2027-02-02T09:00:00Z", ["finance", "legal"], { decided: [finance] }),
    hooliManager: await insertApprovalRequest(hooli, "2027-02-03T09:00:00Z", ["sales_manager", "finance"]),
    hooliOps: await insertApprovalRequest(hooli2, "2027-02-04T09:00:00Z", ["sales_ops"]),
    globexLegal: await insertApprovalRequest(globex3, "2027-02-05T09:00:00Z", ["legal"]),
    acmeManager: await insertApprovalRequest(acme2, "2027-02-06T09:00:00Z", ["sales_manager"]),
    // The manager has approved; legal has not.
    hooliLegal: await insertApprovalRequest(hooli3, "2027-02-07T09:00:00Z", ["sales_manager", "legal"], {
      decided: [{ group: "sales_manager", by: org.manager.id }],
    }),
  };
  // Decided requests are no longer in anyone's queue.
  await insertApprovalRequest(acme, "2027-01-01T09:00:00Z", ["finance"], { status: "approved", decided: [finance] });
  await insertApprovalRequest(globex, "2027-01-02T09:00:00Z", ["finance"], { status: "rejected", decided: [{ ...finance, decision: "reject" }] });
  await insertApprovalRequest(won, "2027-01-03T09:00:00Z", ["sales_manager"], { status: "approved" });
});

const counts = (s: ApprovalsSummary | null) => s && { pendingCount: s.pendingCount, awaitingYouCount: s.awaitingYouCount, yourGroups: s.yourGroups };
const oldest = (s: ApprovalsSummary) => s.oldest.map((r) => r.id);

describe("approvals summary", () => {
  test("the deal desk sees the pending requests on deals submitted to its groups, oldest first, five at most", async () => {
    // Finance was asked on Globex, Globex services, Acme and Hooli: it sees their pending requests,
    // not those of the deals it was never asked about.
    const s = await getApprovalsSummary(db(), as.finance);
    expect(counts(s)).toEqual({ pendingCount: 4, awaitingYouCount: 3, yourGroups: ["finance"] });
    expect(oldest(s)).toEqual([ids.oldest, ids.acmeFinance, ids.globexTwoGroups, ids.hooliManager]);
    expect(s.oldest[0]).toEqual({
      id: ids.oldest,
      opportunityId: expect.any(String),
      opportunityName: "Globex deal",
      accountName: "Globex deal Inc",
      createdAt: new Date("2027-01-31T08:00:00Z"),
      targetHours: 48,
      requiredGroups: ["finance"],
    });
  });

  test("waiting on you: requests needing one of your groups that this group has not decided", async () => {
    // Finance: the oldest, Acme's and Hooli's first; not the two-group one finance already approved.
    expect(counts(await getApprovalsSummary(db(), as.finance))?.awaitingYouCount).toBe(3);
    // Sales operations was asked on Hooli support only; a desk user of no group sees no deal at all.
    expect(counts(await getApprovalsSummary(db(), as.salesOps))).toEqual({ pendingCount: 1, awaitingYouCount: 1, yourGroups: ["sales_ops"] });
    expect(counts(await getApprovalsSummary(db(), as.deskNoGroups))).toEqual({ pendingCount: 0, awaitingYouCount: 0, yourGroups: [] });
  });

  test("a member of finance and legal still owes legal's decision where finance has already approved", async () => {
    // Regression: any decision from one of the actor's groups used to take the request off their count.
    // Finance: oldest, Acme's, Hooli's; legal: the two-group Globex one, Globex's legal one, Hooli's legal one.
    expect(counts(await getApprovalsSummary(db(), as.financeLegal))).toEqual({
      pendingCount: 6,
      awaitingYouCount: 6,
      yourGroups: ["finance", "legal"],
    });
  });

  test("a manager sees the pending requests on the team's deals, and decides as sales manager", async () => {
    const s = await getApprovalsSummary(db(), as.manager);
    // Hooli's legal request is already approved by the sales manager: pending, but not waiting on them.
    expect(counts(s)).toEqual({ pendingCount: 5, awaitingYouCount: 2, yourGroups: ["sales_manager"] });
    expect(oldest(s)).toEqual([ids.acmeFinance, ids.hooliManager, ids.hooliOps, ids.acmeManager, ids.hooliLegal]);
  });

  test("a manager whose teams have no deals has an empty queue; an admin sees every request and owes none", async () => {
    const regional = await getApprovalsSummary(db(), as.regional);
    expect(counts(regional)).toEqual({ pendingCount: 0, awaitingYouCount: 0, yourGroups: ["sales_manager"] });
    expect(regional.oldest).toEqual([]);
    expect(counts(await getApprovalsSummary(db(), as.admin))).toEqual({ pendingCount: 8, awaitingYouCount: 0, yourGroups: [] });
  });
});

describe("admin overview", () => {
  test("counts people, teams, processes and open deals, and describes the active process version", async () => {
    const { admin } = await getHomeSummary(as.admin, { now: NOW });
    expect(admin).toEqual({
      // createOrg's six, three more of the deal desk and the regional manager; the rep who left is inactive.
      activeUserCount: 10,
      inactiveUserCount: 1,
      teamCount: 4,
      teamsWithoutManagerCount: 1, // Mid-Market
      processCount: 2,
      openDealCount: 9, // not the won or the disqualified deal
      process: {
        name: "Standard B2B",
        version: 2,
        publishedAt: v2PublishedAt,
        stages: [
          { key: "identify", name: "Identify", kind: "open", probability: 10, criteriaCount: 3 },
          { key: "qualify", name: "Qualify", kind: "open", probability: 25, criteriaCount: 4 },
          { key: "propose", name: "Propose", kind: "open", probability: 50, criteriaCount: 4 },
          { key: "negotiate", name: "Negotiate", kind: "open", probability: 75, criteriaCount: 5 },
          { key: "finalize", name: "Deliver/Finalize", kind: "open", probability: 90, criteriaCount: 2 },
          { key: "closed_won", name: "Closed Won", kind: "won", probability: 100, criteriaCount: 0 },
          { key: "closed_lost", name: "Closed Lost", kind: "lost", probability: 0, criteriaCount: 0 },
        ],
      },
    });
  });
});

describe("sections by role", () => {
  const sections = async (actor: Actor) => {
    const s = await getHomeSummary(actor, { now: NOW });
    return {
      pipelineOpenCount: s.pipeline?.openCount ?? null,
      approvalsPending: s.approvals?.pendingCount ?? null,
      deskRules: s.deskRules?.map((r) => r.key) ?? null,
      admin: s.admin !== null,
    };
  };

  test("a rep gets their own pipeline only: no approvals queue, no rules, no overview", async () => {
    expect(await sections(as.rep)).toEqual({ pipelineOpenCount: 3, approvalsPending: null, deskRules: null, admin: false });
  });

  test("a manager gets the team's pipeline and the team's approvals", async () => {
    expect(await sections(as.manager)).toEqual({ pipelineOpenCount: 6, approvalsPending: 5, deskRules: null, admin: false });
  });

  test("the deal desk gets the queue and the rules that route deals to it, no pipeline", async () => {
    expect(await sections(as.finance)).toEqual({
      pipelineOpenCount: null,
      approvalsPending: 4,
      deskRules: ["discount_over_15", "discount_over_30", "payment_terms", "legal_terms", "term_length", "large_deal"],
      admin: false,
    });
  });

  test("an admin gets the overview and the queue, no pipeline", async () => {
    expect(await sections(as.admin)).toEqual({ pipelineOpenCount: null, approvalsPending: 8, deskRules: null, admin: true });
  });
});

describe("own profile", () => {
  test("the team each user belongs to and the teams they manage, by name", async () => {
    expect(await getOwnProfile(as.rep)).toEqual({ teamName: "Enterprise", managedTeamNames: [], hasPassword: true });
    expect(await getOwnProfile(as.manager)).toEqual({ teamName: "Enterprise", managedTeamNames: ["Enterprise"], hasPassword: true });
    expect(await getOwnProfile(as.regional)).toEqual({ teamName: "Partners", managedTeamNames: ["Alliances", "Partners"], hasPassword: true });
    expect(await getOwnProfile(as.admin)).toEqual({ teamName: null, managedTeamNames: [], hasPassword: true });
  });
});
