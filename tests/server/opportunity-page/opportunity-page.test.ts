// The opportunity page's loaders: the live checklist of the current stage, what each stage ahead
// would ask, who may do what, the people the pickers offer, and a deal out of reach as not found.
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { AppError } from "@/src/errors";
import { database, db } from "@/src/server/db";
import { moveOpportunity } from "@/src/server/opportunities/move-opportunity";
import { updateOpportunity } from "@/src/server/opportunities/update-opportunity";
import { findVisibleOpportunity } from "@/src/server/opportunity-page/find-visible-opportunity";
import { SIX_STEPS } from "@/src/domain/process/templates/six-steps";
import { publishProcess, updateProcess } from "@/src/server/process/manage-processes";
import { getNewDealForm } from "@/src/server/opportunity-page/get-new-deal-form";
import { getOpportunityPage, type OpportunityPage } from "@/src/server/opportunity-page/get-opportunity-page";
import { findPlanOwners } from "@/src/server/opportunities/plan-owners";
import { listAssignableOwners } from "@/src/server/opportunity-page/people";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg, createUser } from "../../support/fixtures";

const NOW = new Date("2027-02-10T12:00:00Z");

let org: Awaited<ReturnType<typeof createOrg>>;
let as: Record<"rep" | "teammate" | "manager" | "outsider" | "admin" | "finance", Actor>;
let deals: Record<"identify" | "propose" | "lost" | "teammate" | "outsider" | "submitted" | "expansion", string>;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  const names = {
    [org.manager.id]: "Morgan Manager",
    [org.rep.id]: "Riley Rep",
    [org.teammate.id]: "Tara Teammate",
    [org.outsider.id]: "Otto Outsider",
  };
  for (const [id, name] of Object.entries(names)) await db().user.update({ where: { id }, data: { name } });
  // On the team but never an owner: an admin, a deal desk user and a deactivated rep.
  await createUser({ role: "admin", teamId: org.team.id, name: "Ada Admin" });
  await createUser({ role: "deal_desk", teamId: org.team.id, groups: ["legal"], name: "Dana Desk" });
  await createUser({ role: "rep", teamId: org.team.id, name: "Gone Rep", active: false });
  as = {
    rep: await actorOf(org.rep),
    teammate: await actorOf(org.teammate),
    manager: await actorOf(org.manager),
    outsider: await actorOf(org.outsider),
    admin: await actorOf(org.admin),
    finance: await actorOf(org.finance),
  };

  const identify = await insertDeal(org.rep.id, {
    name: "Atlas",
    accountName: "Envoy",
    amount: 48_000,
    closeDate: "2027-03-24",
    stage: "identify",
    stageEnteredAt: new Date("2027-02-01T10:00:00Z"),
  });
  await db().criterionAttestation.createMany({
    data: [
      { opportunityId: identify, stageKey: "identify", criterionKey: "decision_maker_meeting", attestedById: org.rep.id, note: "Met the CFO" },
      // An attestation of a later stage does not tick anything in this one.
      { opportunityId: identify, stageKey: "qualify", criterionKey: "budget_confirmed", attestedById: org.rep.id },
    ],
  });
  await db().opportunityContact.createMany({
    data: [
      { opportunityId: identify, name: "Dee Maker", role: "decision_maker", createdAt: new Date("2027-02-02T10:00:00Z") },
      { opportunityId: identify, name: "Ann Champion", role: "champion", createdAt: new Date("2027-02-03T10:00:00Z") },
    ],
  });

  const propose = await insertDeal(org.rep.id, {
    name: "Borealis",
    accountName: "Borealis",
    amount: 90_000,
    closeDate: "2027-04-30",
    stage: "propose",
    stageEnteredAt: NOW,
  });
  await db().opportunity.update({ where: { id: propose }, data: { decisionCriteria: "Security, price, time to value" } });
  await db().file.create({
    data: {
      opportunityId: propose,
      kind: "quote",
      originalName: "Q-7.pdf",
      storedName: "Q-7.pdf",
      storageKey: `${propose}/q7`,
      contentType: "application/pdf",
      sizeBytes: 10,
      sha256: "0",
      uploadedById: org.rep.id,
    },
  });
  await db().file.create({
    data: {
      opportunityId: propose,
      kind: "other",
      originalName: "notes.txt",
      storedName: "notes.txt",
      storageKey: `${propose}/notes`,
      contentType: "text/plain",
      sizeBytes: 10,
      sha256: "0",
    },
  });
  await db().closePlanStep.createMany({
    data: [
      { opportunityId: propose, title: "Security review", ownerName: "Buyer CISO", dueDate: new Date("2027-03-15T00:00:00Z"), position: 0 },
      { opportunityId: propose, title: "Legal review", ownerUserId: org.rep.id, dueDate: new Date("2027-04-01T00:00:00Z"), position: 1 },
      { opportunityId: propose, title: "Signature", ownerName: "Buyer CFO", dueDate: null, position: 2 },
    ],
  });

  const lost = await insertDeal(org.rep.id, { name: "Cobalt", amount: 20_000, closeDate: "2027-03-01", stage: "qualify" });
  await moveOpportunity(as.rep, lost, {
    toStage: "closed_lost",
    version: 1,
    lost: { reasonCategory: "price", explanation: "Too expensive", competitor: "Globex", missingFunctionality: "none" },
  });

  const submitted = await insertDeal(org.outsider.id, { name: "Dynamo", amount: 300_000, closeDate: "2027-05-01", stage: "negotiate" });
  await db().approvalRequest.create({
    data: {
      opportunityId: submitted,
      requestedById: org.outsider.id,
      justification: "Large logo",
      requiredGroups: ["finance", "sales_ops"],
      termsSnapshot: {},
    },
  });

  deals = {
    identify,
    propose,
    lost,
    submitted,
    teammate: await insertDeal(org.teammate.id, { name: "Teammate's", amount: 1_000, closeDate: "2027-03-01", stage: "identify" }),
    outsider: await insertDeal(org.outsider.id, { name: "Outsider's", amount: 1_000, closeDate: "2027-03-01", stage: "identify" }),
    expansion: await insertDeal(org.rep.id, {
      name: "Expansion",
      accountName: "Envoy",
      amount: 5_000,
      closeDate: "2027-03-24",
      stage: "identify",
      type: "expansion",
    }),
  };
});

const page = (actor: Actor, id: string) => getOpportunityPage(actor, id, NOW);
const checklistOf = (p: OpportunityPage) => p.checklist.map((c) => [c.key, c.satisfied]);
const unmetKeys = (p: OpportunityPage) =>
  Object.fromEntries(Object.entries(p.outlook).map(([stage, unmet]) => [stage, unmet.map((u) => `${u.stage}.${u.key}`)]));
const outcome = (load: Promise<unknown>) =>
  load.then(
    () => "loaded",
    (e: unknown) => (e instanceof AppError ? e.code : `thrown: ${String(e)}`),
  );

describe("the checklist", () => {
  test("each criterion of the current stage, with who attested it and which contacts count", async () => {
    const p = await page(as.rep, deals.identify);
    expect(checklistOf(p)).toEqual([
      ["decision_maker_meeting", true],
      ["buying_process", false],
      ["people_involved", true],
    ]);
    const [meeting, buying, people] = p.checklist;
    expect(meeting!.attestation).toMatchObject({
      stageKey: "identify",
      criterionKey: "decision_maker_meeting",
      byName: "Riley Rep",
      note: "Met the CFO",
    });
    expect(buying!.attestation).toBeNull();
    expect(people!.contactNames).toEqual(["Dee Maker"]);
  });

  test("documents list the files of their kind; the close plan counts steps with an owner and a date", async () => {
    const p = await page(as.rep, deals.propose);
    expect(checklistOf(p)).toEqual([
      ["decision_criteria", true],
      ["quote_generated", true],
      ["pricing_presented", false],
      ["close_plan", false],
    ]);
    const quote = p.checklist.find((c) => c.key === "quote_generated")!;
    expect(quote.files.map((f) => [f.kind, f.storedName, f.uploaderName])).toEqual([["quote", "Q-7.pdf", "Riley Rep"]]);
    expect(p.checklist.find((c) => c.key === "close_plan")!.planReady).toBe(2);
    expect(p.files.map((f) => f.storedName).sort()).toEqual(["Q-7.pdf", "notes.txt"]);
    expect(p.closePlan.steps.map((s) => s.title)).toEqual(["Security review", "Legal review", "Signature"]);
  });

  test("a closed deal has no checklist left, and says where it was lost from", async () => {
    const p = await page(as.rep, deals.lost);
    expect([p.deal.status, p.checklist, p.outlook, p.lostFrom]).toEqual(["lost", [], {}, "qualify"]);
    expect(p.history.map((h) => [h.type, h.fromStage, h.toStage])).toEqual([["stage_changed", "qualify", "closed_lost"]]);
  });
});

describe("the stage outlook", () => {
  test("every stage ahead and Closed Won list what would block a move there; stages behind and Closed Lost do not", async () => {
    const identify = ["identify.buying_process"];
    // Qualify's champion, decision date and (attested ahead of time) budget already hold.
    const qualify = [...identify, "qualify.value_fit_confirmed"];
    const propose = [...qualify, "propose.decision_criteria", "propose.quote_generated", "propose.pricing_presented", "propose.close_plan"];
    const negotiate = [
      ...propose,
      "negotiate.contract_shared",
      "negotiate.signature_package_ready",
      "negotiate.signature_timeline_validated",
      "negotiate.kickoff_scheduled",
    ];
    const finalize = [...negotiate, "finalize.signed_contract", "finalize.finance_legal_validated"];
    expect(unmetKeys(await page(as.rep, deals.identify))).toEqual({
      qualify: identify,
      propose: qualify,
      negotiate: propose,
      finalize: negotiate,
      closed_won: finalize,
    });
  });

  test("from Propose, only the stages ahead are in the outlook", async () => {
    const outlook = unmetKeys(await page(as.rep, deals.propose));
    expect(Object.keys(outlook)).toEqual(["negotiate", "finalize", "closed_won"]);
    expect(outlook.negotiate).toEqual(["propose.pricing_presented", "propose.close_plan"]);
  });
});

describe("the page's other facts", () => {
  test("process, days in stage and the contract's conventional name", async () => {
    const p = await page(as.rep, deals.identify);
    expect(p.process.name).toBe("Standard B2B");
    expect(p.process.stages.map((s) => [s.key, s.exitCriteria.length])).toEqual([
      ["identify", 3],
      ["qualify", 4],
      ["propose", 4],
      ["negotiate", 5],
      ["finalize", 2],
      ["closed_won", 0],
      ["closed_lost", 0],
    ]);
    expect(p.daysInStage).toBe(9);
    expect(p.contractName).toBe("3.24.27_Envoy_1");
    expect((await page(as.rep, deals.expansion)).contractName).toBeNull();
  });

  test("a pushed close date shows with its reason and who moved it", async () => {
    const id = await insertDeal(org.rep.id, { name: "Slipping", amount: 1_000, closeDate: "2027-03-01", stage: "identify" });
    await updateOpportunity(as.rep, id, { version: 1, closeDate: "2027-03-20", reason: "Budget moved to Q2" });
    const p = await page(as.rep, id);
    expect(p.closeDateChanges.map((c) => [c.oldDate, c.newDate, c.slipDays, c.reason, c.byName])).toEqual([
      ["2027-03-01", "2027-03-20", 19, "Budget moved to Q2", "Riley Rep"],
    ]);
    expect([p.deal.closeDatePushes, p.deal.closeDateSlipDays]).toEqual([1, 19]);
  });

  test("the latest approval request as the API answers it, for the deal desk that sees it", async () => {
    const p = await page(as.finance, deals.submitted);
    expect(p.approvalRequest).toMatchObject({
      status: "pending",
      requestedBy: { id: org.outsider.id, name: "Otto Outsider" },
      justification: "Large logo",
      decisions: [],
      pendingGroups: ["finance", "sales_ops"],
      youMayDecide: ["finance"],
      youMayWithdraw: false,
    });
    expect((await page(as.admin, deals.submitted)).approvalRequest).toMatchObject({ youMayDecide: [], youMayWithdraw: false });
  });

  test("a later request routed only to other groups is out of the desk member's sight: no request is shown", async () => {
    const id = await insertDeal(org.outsider.id, { name: "Ember", amount: 300_000, closeDate: "2027-05-01", stage: "negotiate" });
    const base = { opportunityId: id, requestedById: org.outsider.id, justification: "Large logo", termsSnapshot: {} };
    await db().approvalRequest.create({
      data: { ...base, status: "withdrawn", requiredGroups: ["finance"], createdAt: new Date("2027-02-01T10:00:00Z") },
    });
    await db().approvalRequest.create({ data: { ...base, requiredGroups: ["legal"], createdAt: new Date("2027-02-02T10:00:00Z") } });
    expect((await page(as.finance, id)).approvalRequest).toBeNull();
    expect((await page(as.admin, id)).approvalRequest).toMatchObject({ requiredGroups: ["legal"], status: "pending" });
  });
});

describe("who may see and do what", () => {
  test("the owner edits and moves, but neither overrides nor reassigns", async () => {
    const p = await page(as.rep, deals.identify);
    expect(p.permissions).toEqual({ canEdit: true, canMove: true, canOverride: false, canAssignOwner: false });
    expect(p.owners).toEqual([]);
  });

  test("the manager also overrides and reassigns, among the team's sellers", async () => {
    const p = await page(as.manager, deals.identify);
    expect(p.permissions).toEqual({ canEdit: true, canMove: true, canOverride: true, canAssignOwner: true });
    expect(p.owners.map((o) => o.name)).toEqual(["Morgan Manager", "Riley Rep", "Tara Teammate"]);
  });

  test("an admin and the deal desk read, but change nothing", async () => {
    const none = { canEdit: false, canMove: false, canOverride: false, canAssignOwner: false };
    expect((await page(as.admin, deals.identify)).permissions).toEqual(none);
    expect((await page(as.finance, deals.submitted)).permissions).toEqual(none);
  });

  test("the owner and the owner's manager submit an open deal for approval; nobody submits a closed one", async () => {
    expect((await page(as.rep, deals.identify)).maySubmitApproval).toBe(true);
    expect((await page(as.manager, deals.identify)).maySubmitApproval).toBe(true);
    expect((await page(as.admin, deals.identify)).maySubmitApproval).toBe(false);
    expect((await page(as.finance, deals.submitted)).maySubmitApproval).toBe(false);
    expect((await page(as.rep, deals.lost)).maySubmitApproval).toBe(false);
    expect((await page(as.manager, deals.lost)).maySubmitApproval).toBe(false);
  });

  test("a lost deal is no longer edited, but may be re-opened", async () => {
    expect((await page(as.rep, deals.lost)).permissions).toEqual({ canEdit: false, canMove: true, canOverride: false, canAssignOwner: false });
  });

  test("a deal out of reach is NOT_FOUND for the page and null for the layout", async () => {
    const cases: [string, Actor, string][] = [
      ["a rep, on a teammate's deal", as.rep, deals.teammate],
      ["a rep, on another team's deal", as.rep, deals.outsider],
      ["a manager, on another team's deal", as.manager, deals.outsider],
      ["the deal desk, on a deal never submitted", as.finance, deals.identify],
      ["anyone, on a deal that does not exist", as.admin, "no-such-deal"],
    ];
    for (const [who, actor, id] of cases) {
      expect([who, await outcome(page(actor, id))]).toEqual([who, "NOT_FOUND"]);
      expect([who, await findVisibleOpportunity(actor, id)]).toEqual([who, null]);
    }
  });

  test("a deal in reach is found for the layout, by its name", async () => {
    expect(await findVisibleOpportunity(as.rep, deals.identify)).toEqual({ id: deals.identify, name: "Atlas" });
    expect(await findVisibleOpportunity(as.manager, deals.teammate)).toEqual({ id: deals.teammate, name: "Teammate's" });
    expect(await findVisibleOpportunity(as.finance, deals.submitted)).toEqual({ id: deals.submitted, name: "Dynamo" });
    expect(await findVisibleOpportunity(as.admin, deals.outsider)).toEqual({ id: deals.outsider, name: "Outsider's" });
  });
});

describe("people in the pickers", () => {
  test("owners: a rep only themselves, a manager the team's active sellers, the deal desk nobody", async () => {
    expect(await listAssignableOwners(as.rep)).toEqual([{ id: org.rep.id, name: "Riley Rep" }]);
    expect((await listAssignableOwners(as.manager)).map((p) => p.name)).toEqual(["Morgan Manager", "Riley Rep", "Tara Teammate"]);
    expect(await listAssignableOwners(as.finance)).toEqual([]);
    expect(await listAssignableOwners(as.admin)).toEqual([]);
  });

  test("close plan owners: the deal owner's active team, its manager and the deal desk", async () => {
    const forRep = await findPlanOwners(database().sql, { ownerId: org.rep.id, ownerTeamId: org.team.id });
    expect(forRep.map((p) => p.name)).toEqual(["Ada Admin", "Dana Desk", "Morgan Manager", "Riley Rep", "Tara Teammate", "Test deal_desk"]);
    expect((await page(as.rep, deals.identify)).planOwners).toEqual(forRep);
    const forTeamless = await findPlanOwners(database().sql, { ownerId: org.admin.id, ownerTeamId: null });
    expect(forTeamless.map((p) => p.name)).toEqual(["Dana Desk", "Test admin", "Test deal_desk"]);
  });
});

describe("the new deal form", () => {
  test("offers the first stage of the active process, its criteria, the owners and the deal desk rules", async () => {
    const form = await getNewDealForm(as.rep);
    expect(form.oneProcess).toBe(true);
    expect(form.starts.expansion).toEqual(form.starts.new);
    expect(form.starts.new.processName).toBe("Standard B2B");
    expect(form.starts.new.questions).toMatchObject({ stageName: "Qualify" });
    expect(form.starts.new.firstStage).toMatchObject({
      name: "Identify",
      criteria: ["Met a decision maker or influencer", "How they buy is recorded", "People involved recorded, including the decision maker"],
    });
    expect(form.starts.new.firstStage.definition).toMatch(/first meeting/);
    expect(form.owners).toEqual([{ id: org.rep.id, name: "Riley Rep" }]);
    expect(form.deskRules).toEqual([
      "Discount above 15% off list",
      "Discount above 30% off list",
      "Payment terms beyond net 30",
      "Non-standard legal terms (MSA/SLA redlines)",
      "Contract shorter than 1 year or longer than 3",
      "Amount of 250,000 or more",
    ]);
  });

  test("a type tied to another process starts there: its first stage and its questions", async () => {
    const admin = as.admin;
    await publishProcess(admin, { template: "six_steps", makeDefault: false });
    await updateProcess(admin, "six_steps", { opportunityType: "expansion" });
    try {
      const form = await getNewDealForm(as.rep);
      expect(form.oneProcess).toBe(false);
      expect(form.starts.new.processName).toBe("Standard B2B");
      expect(form.starts.expansion).toMatchObject({
        processKey: "six_steps",
        processName: SIX_STEPS.name,
        firstStage: { name: SIX_STEPS.stages[0]!.name },
      });
    } finally {
      await updateProcess(admin, "six_steps", { opportunityType: null });
    }
    expect((await getNewDealForm(as.rep)).oneProcess).toBe(true);
  });

  test("a manager may create for the team; the deal desk and admins may not create at all", async () => {
    expect((await getNewDealForm(as.manager)).owners.map((o) => o.name)).toEqual(["Morgan Manager", "Riley Rep", "Tara Teammate"]);
    for (const actor of [as.finance, as.admin]) expect(await outcome(getNewDealForm(actor))).toBe("FORBIDDEN");
  });
});
