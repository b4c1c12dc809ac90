// Approval requests through the REST API (docs/rules/deal-desk.md): routing by the default rules,
// every state change, stale at once on a change of any covered term, carried approvals on
// resubmission, who decides, concurrent decisions and submissions, and bad input.
import { beforeAll, describe, expect, test } from "vitest";
import * as decisions from "@/app/api/v1/approval-requests/[id]/decisions/route";
import * as oneRequest from "@/app/api/v1/approval-requests/[id]/route";
import * as withdraw from "@/app/api/v1/approval-requests/[id]/withdraw/route";
import * as requests from "@/app/api/v1/approval-requests/route";
import * as submit from "@/app/api/v1/opportunities/[id]/approval-requests/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { db } from "@/src/server/db";
import { insertApprovalRequest } from "../support/approvals";
import { insertDeal } from "../support/board";
import { createDeal, currentVersion, ensureDefaults, satisfyStages } from "../support/deals";
import { createOrg, createTeam, createUser, type TestUser } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
let legal: TestUser;
let salesOps: TestUser;
let finance2: TestUser;
let financeAndLegal: TestUser;
let otherManager: TestUser;
let teamMemberManager: TestUser;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  legal = await createUser({ role: "deal_desk", groups: ["legal"] });
  salesOps = await createUser({ role: "deal_desk", groups: ["sales_ops"] });
  finance2 = await createUser({ role: "deal_desk", groups: ["finance"] });
  financeAndLegal = await createUser({ role: "deal_desk", groups: ["finance", "legal"] });
  otherManager = await createUser({ role: "manager", teamId: org.otherTeam.id });
  await db().team.update({ where: { id: org.otherTeam.id }, data: { managerId: otherManager.id } });
  // A manager on the Enterprise team who is not its manager.
  teamMemberManager = await createUser({ role: "manager", teamId: org.team.id });
});

const ALL_GROUPS = { amount: 300_000, discountPercent: 35, paymentTermsDays: 60, nonStandardTerms: "MSA redline on liability" };

const newDeal = (terms: Record<string, unknown>, token = org.rep.token) => createDeal(token, terms);
const submitFor = (id: string, token = org.rep.token, justification = "Strategic logo for the region") =>
  call(submit.POST, { token, params: { id }, body: { justification } });
const decide = (requestId: string, token: string, body: Record<string, unknown>) => call(decisions.POST, { token, params: { id: requestId }, body });
const approve = (requestId: string, token: string, group?: string) =>
  decide(requestId, token, { decision: "approve", comment: "Fine by us", ...(group ? { group } : {}) });
const getRequest = (requestId: string, token: string) => call(oneRequest.GET, { token, params: { id: requestId } });
const getDeal = async (id: string, token = org.rep.token) => (await call(one.GET, { token, params: { id } })).body;
const patch = async (id: string, body: Record<string, unknown>, token = org.rep.token) =>
  call(one.PATCH, { token, params: { id }, method: "PATCH", body: { version: await currentVersion(id), ...body } });

async function submitted(terms: Record<string, unknown>) {
  const deal = await newDeal(terms);
  const res = await submitFor(deal.id);
  expect(res.status).toBe(201);
  return { dealId: deal.id, request: res.body };
}

/** Every group of a four-group request approves, each by its own approver. */
async function approveAllFour(requestId: string) {
  for (const token of [org.manager.token, org.finance.token, legal.token, salesOps.token]) expect((await approve(requestId, token)).status).toBe(201);
}

describe("routing by the default rules", () => {
  test.each([
    ["discount above 15%", { discountPercent: 20 }, ["sales_manager"]],
    ["discount above 30%", { discountPercent: 35 }, ["sales_manager", "finance"]],
    ["payment terms beyond net 30", { paymentTermsDays: 60 }, ["finance"]],
    ["non-standard legal terms", { nonStandardTerms: "SLA redline: 99.99%" }, ["legal"]],
    ["term under 12 months", { termMonths: 6 }, ["finance"]],
    ["term over 36 months", { termMonths: 48 }, ["finance"]],
    ["amount of 250,000 or more", { amount: 250_000 }, ["finance", "sales_ops"]],
  ])("%s", async (_, terms, groups) => {
    const { dealId, request } = await submitted(terms);
    expect(request).toMatchObject({ status: "pending", requiredGroups: groups, pendingGroups: groups, previousRequestId: null, targetHours: 24 });
    expect(request.reasons.flatMap((r: any) => r.groups)).toEqual(expect.arrayContaining(groups));
    expect(request.reasons.every((r: any) => r.version === 1)).toBe(true);
    const deal = await getDeal(dealId);
    expect(deal.approval).toMatchObject({ status: "pending", requestId: request.id, changedTerms: [] });
    const history = await db().historyEntry.findMany({ where: { opportunityId: dealId, type: "approval_requested" } });
    expect(history).toHaveLength(1);
  });

  test("the request snapshots the six terms and records the values that fired", async () => {
    const { request } = await submitted({ ...ALL_GROUPS, currency: "EUR", termMonths: 24 });
    expect(request.terms).toEqual({
      amount: 300_000,
      currency: "EUR",
      discountPercent: 35,
      paymentTermsDays: 60,
      termMonths: 24,
      nonStandardTerms: "MSA redline on liability",
    });
    expect(request.reasons.map((r: any) => [r.key, r.value])).toEqual([
      ["discount_over_15", 35],
      ["discount_over_30", 35],
      ["payment_terms", 60],
      ["legal_terms", "MSA redline on liability"],
      ["large_deal", 300_000],
    ]);
    expect(request.opportunity).toMatchObject({ amount: 300_000, currency: "EUR", ownerId: org.rep.id });
    expect(request.requestedBy.id).toBe(org.rep.id);
    expect(request.youMayWithdraw).toBe(true);
    expect(request.youMayDecide).toEqual([]);
  });
});

describe("state changes", () => {
  test("every group approving makes the request approved; until then it waits on the others", async () => {
    const { dealId, request } = await submitted({ discountPercent: 35 });
    const first = await approve(request.id, org.manager.token);
    expect(first.body).toMatchObject({ status: "pending", pendingGroups: ["finance"], decidedAt: null });
    expect((await getDeal(dealId)).approval.status).toBe("pending");
    const second = await approve(request.id, org.finance.token);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: "approved", pendingGroups: [] });
    expect(second.body.decisions.map((d: any) => [d.group, d.decision, d.decider.id, d.carriedFromRequestId])).toEqual([
      ["sales_manager", "approve", org.manager.id, null],
      ["finance", "approve", org.finance.id, null],
    ]);
    expect((await getDeal(dealId)).approval).toMatchObject({ status: "approved", requestId: request.id });
    // Approved and still covering the deal: nothing to submit.
    const again = await submitFor(dealId);
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe("already_approved");
  });

  test("one rejection rejects the request, with its comment", async () => {
    const { dealId, request } = await submitted({ discountPercent: 35 });
    await approve(request.id, org.manager.token);
    const res = await decide(request.id, org.finance.token, { decision: "reject", comment: "Margin too thin" });
    expect(res.body).toMatchObject({ status: "rejected", pendingGroups: [] });
    expect(res.body.decisions[1]).toMatchObject({ group: "finance", decision: "reject", comment: "Margin too thin" });
    expect((await getDeal(dealId)).approval.status).toBe("rejected");
    const late = await approve(request.id, legal.token);
    expect(late.status).toBe(404); // legal was never asked: the request is not legal's to see
  });

  test("a change request sends it back; the rep resubmits and a new request is linked to the old", async () => {
    const { dealId, request } = await submitted({ discountPercent: 20 });
    const res = await decide(request.id, org.manager.token, { decision: "request_changes", comment: "Bring it to 18%" });
    expect(res.body.status).toBe("changes_requested");
    expect((await getDeal(dealId)).approval).toMatchObject({ status: "changes_requested", requestId: request.id });
    expect((await patch(dealId, { discountPercent: 18 })).status).toBe(200);
    expect((await getDeal(dealId)).approval.status).toBe("changes_requested");
    const next = await submitFor(dealId, org.rep.token, "Now at 18%");
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ status: "pending", previousRequestId: request.id, decisions: [] });
    expect((await getRequest(request.id, org.rep.token)).body).toMatchObject({ status: "changes_requested", nextRequestId: next.body.id });
  });

  test("the submitter withdraws a pending request, once; then may submit again", async () => {
    const { dealId, request } = await submitted({ discountPercent: 20 });
    const res = await call(withdraw.POST, { token: org.rep.token, params: { id: request.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "withdrawn", youMayWithdraw: false });
    expect(res.body.withdrawnAt).not.toBeNull();
    expect((await getDeal(dealId)).approval.status).toBe("needed");
    const twice = await call(withdraw.POST, { token: org.rep.token, params: { id: request.id } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.reason).toBe("not_pending");
    const decided = await approve(request.id, org.manager.token);
    expect(decided.status).toBe(409);
    const again = await submitFor(dealId);
    expect(again.body).toMatchObject({ status: "pending", previousRequestId: request.id });
  });

  test("the deal's manager may withdraw; the desk and another rep may not", async () => {
    const { request } = await submitted({ paymentTermsDays: 60 });
    expect((await call(withdraw.POST, { token: org.finance.token, params: { id: request.id } })).status).toBe(403);
    expect((await call(withdraw.POST, { token: org.outsider.token, params: { id: request.id } })).status).toBe(404);
    const res = await call(withdraw.POST, { token: org.manager.token, params: { id: request.id } });
    expect(res.body.status).toBe("withdrawn");
  });

  // Each status a request leaves pending for, with the finance decision that led there (none for the others).
  test.each([
    ["approved", "approve"],
    ["rejected", "reject"],
    ["changes_requested", "request_changes"],
    ["withdrawn", null],
    ["stale", null],
  ] as const)("withdrawing a %s request is 409 with the request as it is, and changes nothing", async (status, decision) => {
    const deal = await newDeal({ paymentTermsDays: 60 });
    const requestId = await insertApprovalRequest(deal.id, new Date().toISOString(), ["finance"], {
      status,
      decided: decision ? [{ group: "finance", by: org.finance.id, decision }] : [],
    });
    const before = await currentVersion(deal.id);
    const res = await call(withdraw.POST, { token: org.rep.token, params: { id: requestId } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("CONFLICT");
    expect(res.body.error.details).toMatchObject({
      reason: "not_pending",
      request: { id: requestId, status, pendingGroups: [], youMayWithdraw: false, withdrawnAt: null },
    });
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe(status);
    expect(await currentVersion(deal.id)).toBe(before);
    expect(await db().historyEntry.count({ where: { opportunityId: deal.id, type: "approval_invalidated" } })).toBe(0);
  });

  test("a standard deal needs no request; a pending one blocks a second", async () => {
    const standard = await newDeal({});
    const res = await submitFor(standard.id);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "CONFLICT", details: { reason: "approval_not_required" } });
    const { dealId } = await submitted({ discountPercent: 20 });
    const second = await submitFor(dealId);
    expect(second.status).toBe(409);
    expect(second.body.error.details.reason).toBe("request_pending");
  });

  test("a deal in Negotiate with an approved request leaves it", async () => {
    const id = await insertDeal(org.rep.id, { name: "Umbrella expansion", amount: 40_000, closeDate: "2027-06-30", stage: "negotiate" });
    await satisfyStages(id, ["negotiate"], org.rep.id);
    await db().opportunity.update({ where: { id }, data: { discountPercent: 20 } });
    const move = async () =>
      call(transitions.POST, { token: org.rep.token, params: { id }, body: { toStage: "finalize", version: await currentVersion(id) } });
    expect((await move()).status).toBe(422);
    const { body: request } = await submitFor(id);
    expect((await approve(request.id, org.manager.token)).body.status).toBe("approved");
    const res = await move();
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe("finalize");
  });
});

describe("stale at once", () => {
  const CHANGES: [string, Record<string, unknown>, { term: string; from: unknown; to: unknown }][] = [
    ["amount", { amount: 310_000 }, { term: "amount", from: 300_000, to: 310_000 }],
    ["currency", { currency: "EUR" }, { term: "currency", from: "USD", to: "EUR" }],
    ["discount", { discountPercent: 36 }, { term: "discount_percent", from: 35, to: 36 }],
    ["payment terms", { paymentTermsDays: 90 }, { term: "payment_terms_days", from: 60, to: 90 }],
    ["term months", { termMonths: 24 }, { term: "term_months", from: 12, to: 24 }],
    [
      "legal terms",
      { nonStandardTerms: "MSA redline on liability and IP" },
      { term: "legal_terms", from: "MSA redline on liability", to: "MSA redline on liability and IP" },
    ],
  ];

  describe.each(["pending", "approved"] as const)("a %s request", (state) => {
    test.each(CHANGES)("goes stale when the %s changes", async (_, change, changed) => {
      const { dealId, request } = await submitted(ALL_GROUPS);
      if (state === "approved") await approveAllFour(request.id);
      const res = await patch(dealId, change);
      expect(res.status).toBe(200);
      expect(res.body.approval).toMatchObject({ status: "stale", requestId: request.id, changedTerms: [changed] });
      const stored = await getRequest(request.id, org.rep.token);
      expect(stored.body).toMatchObject({ status: "stale", changedTerms: [changed], youMayWithdraw: false });
      expect(stored.body.staleAt).not.toBeNull();
      const entries = await db().historyEntry.findMany({ where: { opportunityId: dealId, type: "approval_invalidated" } });
      expect(entries.map((e) => e.details)).toEqual([{ requestId: request.id, reason: "stale", was: state, changedTerms: [changed] }]);
      const mails = await db().outboxMessage.findMany({ where: { idempotencyKey: `approval:${request.id}:stale` } });
      expect(mails).toHaveLength(1);
      expect((mails[0]!.payload as any).to).toEqual([org.rep.email]);
    });
  });

  test("a change to anything but the six terms leaves the approval standing", async () => {
    const { dealId, request } = await submitted({ discountPercent: 20 });
    await approve(request.id, org.manager.token);
    const res = await patch(dealId, { nextStep: "Send the order form", name: "Renamed rollout" });
    expect(res.body.approval.status).toBe("approved");
  });

  test("whitespace around the legal terms changes nothing a reviewer read", async () => {
    const { dealId } = await submitted({ nonStandardTerms: "SLA credits" });
    const res = await patch(dealId, { nonStandardTerms: "SLA credits " });
    // Trimmed by the API: nothing changed, nothing is stale.
    expect(res.body.approval.status).toBe("pending");
  });

  test("a change that makes the deal standard ends the need for approval", async () => {
    const { dealId, request } = await submitted({ discountPercent: 20 });
    const res = await patch(dealId, { discountPercent: 10 });
    expect(res.body.approval).toMatchObject({ status: "not_required", required: false, requestId: null });
    expect((await getRequest(request.id, org.rep.token)).body.status).toBe("stale");
    const again = await submitFor(dealId);
    expect(again.body.error.details.reason).toBe("approval_not_required");
  });

  test("a decision on a request made stale is refused with its current state", async () => {
    const { dealId, request } = await submitted({ paymentTermsDays: 60 });
    await patch(dealId, { paymentTermsDays: 45 });
    const res = await approve(request.id, org.finance.token);
    expect(res.status).toBe(409);
    expect(res.body.error.details.request.status).toBe("stale");
  });
});

describe("resubmitting carries the approvals the change did not touch", () => {
  test("a legal text change keeps finance's approval of net 60; legal decides again", async () => {
    const { dealId, request } = await submitted({ paymentTermsDays: 60, nonStandardTerms: "MSA redline" });
    await approve(request.id, org.finance.token);
    await approve(request.id, legal.token);
    await patch(dealId, { nonStandardTerms: "MSA redline, new liability cap" });
    const res = await submitFor(dealId, org.rep.token, "Liability cap changed");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "pending", previousRequestId: request.id, pendingGroups: ["legal"] });
    expect(res.body.decisions).toEqual([
      expect.objectContaining({
        group: "finance",
        decision: "approve",
        decider: expect.objectContaining({ id: org.finance.id }),
        carriedFromRequestId: request.id,
      }),
    ]);
    // Only legal is asked again.
    const needed = await db().outboxMessage.findMany({ where: { idempotencyKey: { startsWith: `approval:${res.body.id}:needed:` } } });
    expect(needed.map((m) => m.idempotencyKey)).toEqual([`approval:${res.body.id}:needed:legal`]);
    const done = await approve(res.body.id, legal.token);
    expect(done.body.status).toBe("approved");
    expect((await getDeal(dealId)).approval).toMatchObject({ status: "approved", requestId: res.body.id });

    // Carried again, it still names the request it was given on.
    await patch(dealId, { nonStandardTerms: "MSA redline, liability cap and IP" });
    const third = await submitFor(dealId);
    expect(third.body.decisions.find((d: any) => d.group === "finance").carriedFromRequestId).toBe(request.id);
  });

  test("a discount change makes the sales manager decide again, and finance dropped when no longer required", async () => {
    const { dealId, request } = await submitted({ discountPercent: 35 });
    await approveAllFourOf(request.id, [org.manager.token, org.finance.token]);
    await patch(dealId, { discountPercent: 20 });
    const res = await submitFor(dealId);
    expect(res.body).toMatchObject({ requiredGroups: ["sales_manager"], pendingGroups: ["sales_manager"], decisions: [] });
  });

  test("rejections never carry", async () => {
    const { dealId, request } = await submitted({ paymentTermsDays: 60, nonStandardTerms: "MSA redline" });
    await approve(request.id, org.finance.token);
    await decide(request.id, legal.token, { decision: "reject", comment: "Not this redline" });
    await patch(dealId, { nonStandardTerms: "Softer redline" });
    const res = await submitFor(dealId);
    expect(res.body.decisions.map((d: any) => d.group)).toEqual(["finance"]);
    expect(res.body.pendingGroups).toEqual(["legal"]);
  });

  test("when the carried approvals cover every group the new request is approved at once", async () => {
    const { dealId, request } = await submitted({ paymentTermsDays: 60, amount: 1000 });
    await approve(request.id, org.finance.token);
    // The amount is covered but no rule reads it on this deal: finance's approval still holds for what finance read.
    await patch(dealId, { amount: 2000 });
    const res = await submitFor(dealId);
    expect(res.body).toMatchObject({ status: "approved", pendingGroups: [] });
    expect(res.body.decidedAt).not.toBeNull();
    expect((await getDeal(dealId)).approval.status).toBe("approved");
  });
});

async function approveAllFourOf(requestId: string, tokens: string[]) {
  for (const token of tokens) expect((await approve(requestId, token)).status).toBe(201);
}

describe("who decides", () => {
  test("the owner never decides on their own deal, even a manager; the team's deputy decides for the sales manager", async () => {
    const deal = await newDeal({ discountPercent: 20 }, org.manager.token);
    const { body: request } = await submitFor(deal.id, org.manager.token);
    expect(request.youMayDecide).toEqual([]);
    const own = await approve(request.id, org.manager.token);
    expect(own.status).toBe(403);
    // The other team's manager neither sees nor decides this team's requests, until named deputy.
    expect((await approve(request.id, otherManager.token)).status).toBe(404);
    await db().team.update({ where: { id: org.team.id }, data: { approvalDeputyId: otherManager.id } });
    try {
      const seen = await getRequest(request.id, otherManager.token);
      expect(seen.body.youMayDecide).toEqual(["sales_manager"]);
      const res = await approve(request.id, otherManager.token);
      expect(res.status).toBe(201);
      expect(res.body.status).toBe("approved");
    } finally {
      await db().team.update({ where: { id: org.team.id }, data: { approvalDeputyId: null } });
    }
  });

  test("a manager decides for the sales manager group of their own team only", async () => {
    const { request } = await submitted({ discountPercent: 20 });
    // Sees it (same team) but is not the team's manager.
    expect((await getRequest(request.id, teamMemberManager.token)).body.youMayDecide).toEqual([]);
    expect((await approve(request.id, teamMemberManager.token)).status).toBe(403);
    expect((await approve(request.id, otherManager.token)).status).toBe(404);
    expect((await getRequest(request.id, org.manager.token)).body.youMayDecide).toEqual(["sales_manager"]);
    expect((await approve(request.id, org.manager.token)).status).toBe(201);
  });

  test("an admin sees every request but decides none; a rep decides nothing", async () => {
    const { request } = await submitted({ paymentTermsDays: 60 });
    const seen = await getRequest(request.id, org.admin.token);
    expect(seen.status).toBe(200);
    expect(seen.body.youMayDecide).toEqual([]);
    expect((await approve(request.id, org.admin.token)).status).toBe(403);
    expect((await approve(request.id, org.rep.token)).status).toBe(403);
    expect((await approve(request.id, org.teammate.token)).status).toBe(404);
  });

  test("a desk member decides for their groups only; with several pending, names the group", async () => {
    const { request } = await submitted({ paymentTermsDays: 60, nonStandardTerms: "MSA redline" });
    expect((await approve(request.id, salesOps.token)).status).toBe(404);
    const unnamed = await approve(request.id, financeAndLegal.token);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.details.fields.map((f: any) => f.field)).toEqual(["group"]);
    const wrong = await approve(request.id, org.finance.token, "legal");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields.map((f: any) => f.field)).toEqual(["group"]);
    const res = await approve(request.id, financeAndLegal.token, "legal");
    expect(res.body).toMatchObject({ pendingGroups: ["finance"], youMayDecide: ["finance"] });
    // One group left for this member: no need to name it.
    expect((await approve(request.id, financeAndLegal.token)).body.status).toBe("approved");
  });

  test("a group that has decided cannot decide again", async () => {
    const { request } = await submitted({ discountPercent: 35 });
    await approve(request.id, org.finance.token);
    const again = await approve(request.id, finance2.token);
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe("already_decided");
  });
});

describe("concurrency", () => {
  test("of two concurrent decisions on one request exactly one wins; the other gets the current state", async () => {
    const { request } = await submitted({ paymentTermsDays: 60 });
    const results = await Promise.all([
      approve(request.id, org.finance.token),
      decide(request.id, finance2.token, { decision: "reject", comment: "Too long" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.status === 409)!;
    const winner = results.find((r) => r.status === 201)!;
    expect(loser.body.error.details.request.status).toBe(winner.body.status);
    expect(await db().approvalDecision.count({ where: { requestId: request.id } })).toBe(1);
  });

  test("of two concurrent submissions for one deal exactly one is made", async () => {
    const deal = await newDeal({ discountPercent: 20 });
    const results = await Promise.all([submitFor(deal.id), submitFor(deal.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await db().approvalRequest.count({ where: { opportunityId: deal.id } })).toBe(1);
  });
});

describe("bad input", () => {
  test("submitting needs a justification of 1–2000 characters and nothing else", async () => {
    const deal = await newDeal({ discountPercent: 20 });
    for (const body of [{}, { justification: "   " }, { justification: "x".repeat(2001) }, { justification: 5 }]) {
      const res = await call(submit.POST, { token: org.rep.token, params: { id: deal.id }, body });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields.map((f: any) => f.field)).toEqual(["justification"]);
    }
    const extra = await call(submit.POST, { token: org.rep.token, params: { id: deal.id }, body: { justification: "ok", status: "approved" } });
    expect(extra.status).toBe(400);
  });

  test("a decision names approve, reject or request_changes, with a comment to reject or request changes", async () => {
    const { request } = await submitted({ paymentTermsDays: 60 });
    const cases: [Record<string, unknown>, string][] = [
      [{ decision: "maybe" }, "decision"],
      [{ decision: "reject" }, "comment"],
      [{ decision: "request_changes", comment: "  " }, "comment"],
      [{ decision: "approve", group: "marketing" }, "group"],
      [{ decision: "approve", comment: "x".repeat(2001) }, "comment"],
    ];
    for (const [body, field] of cases) {
      const res = await decide(request.id, org.finance.token, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields.map((f: any) => f.field)).toEqual([field]);
    }
    expect((await getRequest(request.id, org.finance.token)).body.status).toBe("pending");
  });

  test("an unknown request is 404, and so is a bad status filter 400", async () => {
    expect((await getRequest("no-such-request", org.admin.token)).status).toBe(404);
    expect((await call(requests.GET, { token: org.admin.token, path: "/api/v1/approval-requests?status=lost" })).status).toBe(400);
  });
});

describe("listing", () => {
  test("each caller lists the requests they may see, by status and group", async () => {
    const team = await createTeam();
    const manager = await createUser({ role: "manager", teamId: team.id });
    await db().team.update({ where: { id: team.id }, data: { managerId: manager.id } });
    const rep = await createUser({ role: "rep", teamId: team.id });
    const forLegal = await createDeal(rep.token, { nonStandardTerms: "DPA redline" });
    const forFinance = await createDeal(rep.token, { paymentTermsDays: 90 });
    const legalRequest = (await submitFor(forLegal.id, rep.token)).body;
    const financeRequest = (await submitFor(forFinance.id, rep.token)).body;
    const ids = async (token: string, query = "") =>
      ((await call(requests.GET, { token, path: `/api/v1/approval-requests${query}` })).body.items as { id: string }[])
        .map((r) => r.id)
        .filter((id) => id === legalRequest.id || id === financeRequest.id);
    expect(await ids(rep.token)).toEqual([financeRequest.id, legalRequest.id]);
    expect(await ids(manager.token)).toEqual([financeRequest.id, legalRequest.id]);
    expect(await ids(org.manager.token)).toEqual([]);
    expect(await ids(legal.token)).toEqual([legalRequest.id]);
    expect(await ids(org.finance.token)).toEqual([financeRequest.id]);
    expect(await ids(org.admin.token)).toEqual([financeRequest.id, legalRequest.id]);
    expect(await ids(org.admin.token, "?group=legal")).toEqual([legalRequest.id]);
    expect(await ids(org.admin.token, "?status=approved")).toEqual([]);
    await approve(financeRequest.id, org.finance.token);
    expect(await ids(org.admin.token, "?status=approved")).toEqual([financeRequest.id]);
    expect(await ids(org.outsider.token)).toEqual([]);
  });
});

describe("paging", () => {
  test("pages through the caller's requests with a cursor, newest first, without repeats, as GET /opportunities does", async () => {
    const team = await createTeam();
    const rep = await createUser({ role: "rep", teamId: team.id });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await submitFor((await createDeal(rep.token, { paymentTermsDays: 60 })).id, rep.token)).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: any = await call(requests.GET, { token: rep.token, path: `/api/v1/approval-requests?limit=2${cursor ? `&cursor=${cursor}` : ""}` });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((r: any) => r.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse());
    // A page that holds the last request says so: no cursor for an empty page after it.
    const whole = await call(requests.GET, { token: rep.token, path: "/api/v1/approval-requests?limit=5" });
    expect(whole.body).toMatchObject({ nextCursor: null });
    expect(whole.body.items).toHaveLength(5);
    // The filters apply to every page.
    const first = await call(requests.GET, { token: rep.token, path: "/api/v1/approval-requests?limit=1&status=pending&group=finance" });
    expect(first.body.items.map((r: any) => r.id)).toEqual([made[4]]);
    const second = await call(requests.GET, {
      token: rep.token,
      path: `/api/v1/approval-requests?limit=1&status=pending&group=finance&cursor=${first.body.nextCursor}`,
    });
    expect(second.body.items.map((r: any) => r.id)).toEqual([made[3]]);
    expect((await call(requests.GET, { token: rep.token, path: "/api/v1/approval-requests?group=legal" })).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  test("50 a page by default", async () => {
    const res = await call(requests.GET, { token: org.admin.token, path: "/api/v1/approval-requests" });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(50);
    expect(res.body).toHaveProperty("nextCursor");
  });

  test.each([
    ["limit=0"],
    ["limit=201"],
    ["limit=abc"],
    ["cursor=bm90LWEtY3Vyc29y"],
    ["cursor=LTEwMDAwMC0wMS0wMVQwMDowMDowMC4wMDBafHg"],
    ["cursor=MjAyNi0wMS0wMVQwMDowMDowMC4wMDBafGEAYg"],
  ])("a bad page (%s) is 400 naming the parameter", async (q) => {
    const res = await call(requests.GET, { token: org.admin.token, path: `/api/v1/approval-requests?${q}` });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.fields.map((f: any) => f.field)).toEqual([`query.${q.split("=")[0]}`]);
  });
});
