// The deal desk's forms on the pages: submitting a deal (the deal page's approval card and the
// approval criterion's fixer), a group's decision and the submitter's withdrawal (the desk's request
// page, the deal page). Each server action answers as the API does: field problems by name, 403 for
// a caller who may not, 409 with the request as it now is. After a write, and after a 409, the pages
// the request shows on are revalidated and the calling page re-renders.
import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { decideApproval, withdrawApproval } from "@/app/opportunities/_actions/approval-actions";
import { submitDealForApproval } from "@/app/opportunities/_actions/deal-actions";
import type { ActionError } from "@/src/http/action-result";
import { db } from "@/src/server/db";
import { getApprovalRequest, submitApprovalRequest, decideApprovalRequest } from "@/src/server/deal-desk/approval-requests";
import { signInAs, nextCache as cache } from "../../support/action-session";
import { actorOf } from "../../support/board";
import { createDeal, ensureDefaults } from "../../support/deals";
import { createOrg, createUser, type TestUser } from "../../support/fixtures";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);
vi.mock("next/cache", async () => (await import("../../support/action-session")).nextCache);

let org: Awaited<ReturnType<typeof createOrg>>;
let finance2: TestUser;
let financeAndLegal: TestUser;
let otherManager: TestUser;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  finance2 = await createUser({ role: "deal_desk", groups: ["finance"] });
  financeAndLegal = await createUser({ role: "deal_desk", groups: ["finance", "legal"] });
  otherManager = await createUser({ role: "manager", teamId: org.otherTeam.id });
  await db().team.update({ where: { id: org.otherTeam.id }, data: { managerId: otherManager.id } });
});

beforeEach(() => {
  cache.refresh.mockClear();
  cache.revalidatePath.mockClear();
});

const fields = (error: ActionError) => ((error.details as { fields?: { field: string }[] } | undefined)?.fields ?? []).map((f) => f.field);
const revalidated = () => cache.revalidatePath.mock.calls.map((c) => c[0]);

/** A deal of the rep's with these terms, and its pending request, submitted through the use case. */
async function pending(terms: Record<string, unknown>) {
  const deal = await createDeal(org.rep.token, terms);
  const request = await submitApprovalRequest(await actorOf(org.rep), deal.id, { justification: "Strategic logo" });
  return { dealId: deal.id, requestId: request.id };
}

const requestCount = (opportunityId: string) => db().approvalRequest.count({ where: { opportunityId } });

describe("submitting a deal for approval", () => {
  test("the owner submits with a justification: the card says pending and the request names the groups that must approve", async () => {
    const deal = await createDeal(org.rep.token, { discountPercent: 35 });
    await signInAs(org.rep);
    const result = await submitDealForApproval({ id: deal.id, version: deal.version, justification: "  Three-year commitment  " });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.card).toMatchObject({ id: deal.id, approval: "pending", version: deal.version + 1 });
    expect(result.data.request).toMatchObject({
      status: "pending",
      justification: "Three-year commitment",
      pendingGroups: ["sales_manager", "finance"],
      youMayWithdraw: true,
    });
    expect(revalidated()).toEqual(
      expect.arrayContaining(["/deal-desk", `/deal-desk/${result.data.request.id}`, `/opportunities/${deal.id}`, "/board"]),
    );
  });

  test("the owner's manager may submit too", async () => {
    const deal = await createDeal(org.rep.token, { paymentTermsDays: 60 });
    await signInAs(org.manager);
    const result = await submitDealForApproval({ id: deal.id, justification: "Public sector payment cycle" });
    expect(result).toMatchObject({ ok: true, data: { request: { status: "pending", requestedBy: { id: org.manager.id } } } });
  });

  test.each([
    ["left blank", ""],
    ["only spaces", "   "],
  ])("a justification %s is named, and nothing is submitted", async (_, justification) => {
    const deal = await createDeal(org.rep.token, { discountPercent: 20 });
    await signInAs(org.rep);
    const result = await submitDealForApproval({ id: deal.id, version: deal.version, justification });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("VALIDATION_FAILED");
    expect(fields(result.error)).toEqual(["justification"]);
    expect(await requestCount(deal.id)).toBe(0);
  });

  test("a justification over 2,000 characters is named", async () => {
    const deal = await createDeal(org.rep.token, { discountPercent: 20 });
    await signInAs(org.rep);
    const result = await submitDealForApproval({ id: deal.id, justification: "x".repeat(2001) });
    expect(result.ok ? [] : fields(result.error)).toEqual(["justification"]);
  });

  test("a standard deal and a deal already pending are refused with the reason and the current card", async () => {
    const standard = await createDeal(org.rep.token, {});
    await signInAs(org.rep);
    expect(await submitDealForApproval({ id: standard.id, justification: "Why not" })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", details: { reason: "approval_not_required", card: { id: standard.id, approval: "not_required" } } },
    });
    const { dealId } = await pending({ discountPercent: 20 });
    expect(await submitDealForApproval({ id: dealId, justification: "Again" })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", details: { reason: "request_pending", card: { approval: "pending" } } },
    });
    expect(await requestCount(dealId)).toBe(1);
  });

  test("the deal desk, an admin and a rep of another team may not submit", async () => {
    const { dealId, requestId } = await pending({ paymentTermsDays: 60 });
    await withdrawApprovalRequestAs(org.rep, requestId);
    // Finance sees the deal (a request was routed to it) but submits nothing; an admin neither.
    for (const who of [org.finance, org.admin]) {
      await signInAs(who);
      expect(await submitDealForApproval({ id: dealId, justification: "On their behalf" })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
    }
    await signInAs(org.outsider);
    expect(await submitDealForApproval({ id: dealId, justification: "Not mine" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await requestCount(dealId)).toBe(1);
  });

  test("a resubmission after changes were requested links to the previous request", async () => {
    const { dealId, requestId } = await pending({ discountPercent: 20 });
    await decideApprovalRequest(await actorOf(org.manager), requestId, { decision: "request_changes", comment: "Bring it to 18%" });
    await signInAs(org.rep);
    const result = await submitDealForApproval({ id: dealId, justification: "Held at 20%: the customer signs for three years" });
    expect(result).toMatchObject({ ok: true, data: { request: { status: "pending", previousRequestId: requestId } } });
  });
});

async function withdrawApprovalRequestAs(user: TestUser, requestId: string) {
  await signInAs(user);
  const result = await withdrawApproval({ id: requestId });
  expect(result.ok).toBe(true);
}

describe("deciding", () => {
  test("approving for one group leaves the request pending on the others; the last approval approves it", async () => {
    const { dealId, requestId } = await pending({ discountPercent: 35 });
    await signInAs(org.manager);
    const first = await decideApproval({ id: requestId, decision: "approve" });
    expect(first).toMatchObject({ ok: true, data: { request: { status: "pending", pendingGroups: ["finance"], youMayDecide: [] } } });
    expect(cache.refresh).toHaveBeenCalledTimes(1);
    expect(revalidated()).toEqual(expect.arrayContaining(["/deal-desk", `/deal-desk/${requestId}`, `/opportunities/${dealId}`, "/board", "/"]));
    await signInAs(org.finance);
    const second = await decideApproval({ id: requestId, decision: "approve", comment: "Margin holds" });
    expect(second).toMatchObject({ ok: true, data: { request: { status: "approved", pendingGroups: [] } } });
    if (!second.ok) return;
    expect(second.data.request.decisions.map((d) => [d.group, d.decision, d.decider.id, d.comment])).toEqual([
      ["sales_manager", "approve", org.manager.id, ""],
      ["finance", "approve", org.finance.id, "Margin holds"],
    ]);
  });

  test.each([
    ["reject", "rejected"],
    ["request_changes", "changes_requested"],
  ] as const)("%s needs a comment; with one, the request is %s", async (decision, status) => {
    const { requestId } = await pending({ paymentTermsDays: 60 });
    await signInAs(org.finance);
    for (const comment of [undefined, "", "   "]) {
      const refused = await decideApproval({ id: requestId, decision, ...(comment === undefined ? {} : { comment }) });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.code).toBe("VALIDATION_FAILED");
      expect(fields(refused.error)).toEqual(["comment"]);
    }
    expect(await db().approvalDecision.count({ where: { requestId } })).toBe(0);
    expect(cache.refresh).not.toHaveBeenCalled();
    const result = await decideApproval({ id: requestId, decision, comment: "Net 45 at most" });
    expect(result).toMatchObject({ ok: true, data: { request: { status, decisions: [{ group: "finance", decision, comment: "Net 45 at most" }] } } });
  });

  test("an unknown decision and an unknown field are named", async () => {
    const { requestId } = await pending({ paymentTermsDays: 60 });
    await signInAs(org.finance);
    const bad = await decideApproval({ id: requestId, decision: "maybe" });
    expect(bad.ok ? [] : fields(bad.error)).toEqual(["decision"]);
    const extra = await decideApproval({ id: requestId, decision: "approve", stage: "negotiate" });
    expect(extra).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  });

  test("a member of several pending groups names the group; without it, or with one not theirs, `group` is named", async () => {
    const { requestId } = await pending({ paymentTermsDays: 60, nonStandardTerms: "MSA redline on liability" });
    await signInAs(financeAndLegal);
    const unnamed = await decideApproval({ id: requestId, decision: "approve" });
    expect(unnamed.ok ? [] : fields(unnamed.error)).toEqual(["group"]);
    const notTheirs = await decideApproval({ id: requestId, decision: "approve", group: "sales_ops" });
    expect(notTheirs.ok ? [] : fields(notTheirs.error)).toEqual(["group"]);
    const legal = await decideApproval({ id: requestId, decision: "approve", group: "legal" });
    expect(legal).toMatchObject({ ok: true, data: { request: { status: "pending", pendingGroups: ["finance"], youMayDecide: ["finance"] } } });
  });

  test("who may not decide is refused, and nothing is stored", async () => {
    const { requestId } = await pending({ discountPercent: 35 });
    // The owner never decides; an admin decides for none; a manager of another team does not see it.
    for (const [who, code] of [
      [org.rep, "FORBIDDEN"],
      [org.admin, "FORBIDDEN"],
      [otherManager, "NOT_FOUND"],
      [org.outsider, "NOT_FOUND"],
    ] as const) {
      await signInAs(who);
      expect(await decideApproval({ id: requestId, decision: "approve" })).toMatchObject({ ok: false, error: { code } });
    }
    expect(await db().approvalDecision.count({ where: { requestId } })).toBe(0);
    expect(cache.refresh).not.toHaveBeenCalled();
  });

  test("the page asks the server who may decide, as the API does", async () => {
    const { requestId } = await pending({ discountPercent: 35 });
    const mayDecide = async (user: TestUser) => (await getApprovalRequest(await actorOf(user), requestId)).youMayDecide;
    expect(await mayDecide(org.manager)).toEqual(["sales_manager"]);
    expect(await mayDecide(org.finance)).toEqual(["finance"]);
    expect(await mayDecide(org.rep)).toEqual([]);
    expect(await mayDecide(org.admin)).toEqual([]);
  });

  test("someone of the same group decided first: 409 with the request as it is now, and the page re-renders", async () => {
    const { dealId, requestId } = await pending({ paymentTermsDays: 60 });
    await decideApprovalRequest(await actorOf(finance2), requestId, { decision: "approve", comment: "" });
    await signInAs(org.finance);
    const result = await decideApproval({ id: requestId, decision: "reject", comment: "Too long" });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "CONFLICT",
        details: {
          reason: "not_pending",
          request: { id: requestId, status: "approved", decisions: [{ group: "finance", decider: { id: finance2.id } }] },
        },
      },
    });
    expect(cache.refresh).toHaveBeenCalledTimes(1);
    expect(revalidated()).toEqual(expect.arrayContaining([`/deal-desk/${requestId}`, `/opportunities/${dealId}`]));
    expect(await db().approvalDecision.count({ where: { requestId } })).toBe(1);
  });

  test("a group that has decided while others are pending: 409 already decided", async () => {
    const { requestId } = await pending({ paymentTermsDays: 60, amount: 300_000 });
    await decideApprovalRequest(await actorOf(finance2), requestId, { decision: "approve", comment: "" });
    await signInAs(org.finance);
    const result = await decideApproval({ id: requestId, decision: "approve" });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", details: { reason: "already_decided", request: { status: "pending", pendingGroups: ["sales_ops"] } } },
    });
    expect(cache.refresh).toHaveBeenCalledTimes(1);
  });

  test("a request withdrawn meanwhile: 409 not pending", async () => {
    const { requestId } = await pending({ paymentTermsDays: 60 });
    await withdrawApprovalRequestAs(org.rep, requestId);
    await signInAs(org.finance);
    expect(await decideApproval({ id: requestId, decision: "approve" })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", details: { reason: "not_pending", request: { status: "withdrawn" } } },
    });
  });
});

describe("withdrawing", () => {
  test("the submitter withdraws a pending request; the deal needs approval again", async () => {
    const { dealId, requestId } = await pending({ discountPercent: 20 });
    await signInAs(org.rep);
    const result = await withdrawApproval({ id: requestId });
    expect(result).toMatchObject({ ok: true, data: { request: { status: "withdrawn", youMayWithdraw: false } } });
    expect(cache.refresh).toHaveBeenCalledTimes(1);
    expect(revalidated()).toEqual(expect.arrayContaining([`/deal-desk/${requestId}`, `/opportunities/${dealId}`, "/board"]));
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: dealId } })).version).toBeGreaterThan(1);
    const entries = await db().historyEntry.findMany({ where: { opportunityId: dealId, type: "approval_invalidated" } });
    expect(entries.map((e) => e.details)).toEqual([{ requestId, reason: "withdrawn" }]);
  });

  test("the owner's manager may withdraw; the deal desk may not, and another rep does not see it", async () => {
    const { requestId } = await pending({ paymentTermsDays: 60 });
    await signInAs(org.finance);
    expect(await withdrawApproval({ id: requestId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    await signInAs(org.outsider);
    expect(await withdrawApproval({ id: requestId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(cache.refresh).not.toHaveBeenCalled();
    await signInAs(org.manager);
    expect(await withdrawApproval({ id: requestId })).toMatchObject({ ok: true, data: { request: { status: "withdrawn" } } });
  });

  test("a request decided meanwhile cannot be withdrawn: 409 with its state", async () => {
    const { requestId } = await pending({ paymentTermsDays: 60 });
    await decideApprovalRequest(await actorOf(org.finance), requestId, { decision: "reject", comment: "Net 60 is too long" });
    await signInAs(org.rep);
    expect(await withdrawApproval({ id: requestId })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", details: { reason: "not_pending", request: { status: "rejected" } } },
    });
    expect(cache.refresh).toHaveBeenCalledTimes(1);
  });

  test("a missing id is named", async () => {
    await signInAs(org.rep);
    const result = await withdrawApproval({});
    expect(result.ok ? [] : fields(result.error)).toEqual(["id"]);
  });
});
