// The demo's deal desk (docs/rules/demo-data.md#the-deal-desk): the requests the demo loads agree with
// the rules and with each deal's terms and history, as if the app had made them, and the desk's
// pages have something to show each of its users.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { approvalStatus } from "@/src/domain/deal-desk/approval-status";
import { evaluateDealDesk } from "@/src/domain/deal-desk/evaluate-deal-desk";
import type { ApproverGroup, DealDeskRule } from "@/src/domain/deal-desk/rules";
import { changedTerms, DealTermsSnapshot, type DealTerms } from "@/src/domain/deal-desk/terms";
import { turnaround } from "@/src/domain/deal-desk/turnaround";
import { database, db } from "@/src/server/db";
import { loadDealDeskRules } from "@/src/server/deal-desk/load-rules";
import { getDeskQueue, getDeskRequest } from "@/src/server/deal-desk/queue";
import { DEFAULT_QUEUE_FILTERS } from "@/src/server/deal-desk/queue-filters";
import { planDemoData } from "@/src/server/demo/plan-demo-data";
import { seedDemoData } from "@/src/server/demo/seed-demo";
import { DEMO_SEED, seededRandom } from "@/src/server/demo/seeded-random";
import { getOpportunity } from "@/src/server/opportunities/get-opportunity";
import { ensureDefaultProcess } from "@/src/server/process/ensure-default-process";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";
import { actorOf } from "../../support/board";

// The demo's documents are written to the file storage: a folder of this test's own.
process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-demo-"));

// A Sunday afternoon: the business hours of the weekend do not count.
const now = new Date("2026-03-15T15:30:00Z");

const loadRequests = () =>
  db().approvalRequest.findMany({
    include: {
      decisions: true,
      nextRequest: true,
      opportunity: { include: { history: { orderBy: { id: "asc" } }, owner: { include: { team: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
type Request = Awaited<ReturnType<typeof loadRequests>>[number];
type Deal = Request["opportunity"];

let requests: Request[];
let rules: DealDeskRule[];
let users: Map<string, { email: string; role: string; groups: string[] }>;

beforeAll(async () => {
  await database().transaction((tx) => ensureDefaultProcess(tx));
  await seedDemoData(database(), { now });
  requests = await loadRequests();
  rules = await loadDealDeskRules(database().sql);
  users = new Map((await db().user.findMany()).map((u) => [u.id, u]));
});

const termsOf = (deal: Deal): DealTerms => ({
  amountCents: Number(deal.amountCents),
  currency: deal.currency,
  discountPercent: deal.discountPercent,
  paymentTermsDays: deal.paymentTermsDays,
  termMonths: deal.termMonths,
  nonStandardTerms: deal.nonStandardTerms,
});
const snapshotOf = (r: Request) => DealTermsSnapshot.parse(r.termsSnapshot);
const latestOf = (deal: Deal) => requests.filter((r) => r.opportunityId === deal.id).at(-1)!;
const detailsOf = (h: Deal["history"][number]) => h.details as Record<string, unknown>;
const groupsOf = (r: Request) => r.requiredGroups as ApproverGroup[];
const decisionOf = (r: Request, group: ApproverGroup) => r.decisions.find((d) => d.group === group);
const emailOf = (id: string | null) => (id ? users.get(id)?.email : undefined);

/** The deal's terms as they were at `at`: its field changes since then undone, newest first. */
function termsAt(deal: Deal, at: Date): DealTerms {
  const terms = termsOf(deal);
  for (const h of [...deal.history].reverse()) {
    if (h.type !== "field_changed" || h.at <= at) continue;
    const changes = detailsOf(h).changes as Record<string, { from: never }>;
    for (const [field, { from }] of Object.entries(changes))
      Object.assign(terms, field === "amount" ? { amountCents: from * 100 } : { [field]: from });
  }
  return terms;
}

describe("every request agrees with the rules and the deal", () => {
  test("the demo carries requests on several deals, in every status", () => {
    expect(new Set(requests.map((r) => r.opportunityId)).size).toBeGreaterThanOrEqual(8);
    for (const status of ["pending", "approved", "rejected", "changes_requested", "withdrawn", "stale"] as const)
      expect(
        requests.some((r) => r.status === status),
        status,
      ).toBe(true);
  });

  test("a request snapshots the deal's terms when it was made, and is routed to the groups and rules those terms call for", async () => {
    // A request records the version of each rule that fired, a version the rule's history keeps.
    const versions = new Set((await db().dealDeskRuleVersion.findMany({ include: { rule: true } })).map((v) => `${v.rule.key}@${v.version}`));
    for (const r of requests) {
      const at = termsAt(r.opportunity, r.createdAt);
      expect(snapshotOf(r), r.id).toEqual(at);
      const evaluation = evaluateDealDesk(rules, at);
      expect(groupsOf(r)).toEqual(evaluation.groups);
      expect(r.reasons).toEqual(
        evaluation.reasons.map((reason) => ({
          key: reason.key,
          label: reason.label,
          version: reason.version,
          value: reason.value,
          groups: rules.find((rule) => rule.key === reason.key)!.groups,
        })),
      );
      for (const reason of r.reasons as { key: string; version: number }[])
        expect(versions.has(`${reason.key}@${reason.version}`), `${reason.key} version ${reason.version}`).toBe(true);
      expect(r.targetHours).toBe(24);
      expect(r.createdAt.getTime()).toBeGreaterThan(r.opportunity.createdAt.getTime());
      expect(r.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });

  test("every pending request waits on exactly the groups the rules require for the deal's current terms", () => {
    const pending = requests.filter((r) => r.status === "pending");
    expect(pending.length).toBeGreaterThanOrEqual(4);
    for (const r of pending) {
      expect(groupsOf(r), r.opportunity.name).toEqual(evaluateDealDesk(rules, termsOf(r.opportunity)).groups);
      expect(snapshotOf(r)).toEqual(termsOf(r.opportunity));
      expect(latestOf(r.opportunity).id).toBe(r.id);
    }
  });

  test("a stale request records when and which terms changed, as its snapshot and the deal's current terms differ", () => {
    const stale = requests.filter((r) => r.status === "stale");
    for (const r of stale) {
      expect(r.staleAt, r.id).not.toBeNull();
      expect(r.changedTerms).toEqual(changedTerms(snapshotOf(r), termsAt(r.opportunity, r.staleAt!)));
      expect((r.changedTerms as unknown[]).length).toBeGreaterThan(0);
      const invalidated = r.opportunity.history.find((h) => h.type === "approval_invalidated" && detailsOf(h).requestId === r.id);
      expect(invalidated?.at).toEqual(r.staleAt);
      expect(detailsOf(invalidated!)).toMatchObject({ reason: "stale", changedTerms: r.changedTerms });
      const change = r.opportunity.history.find((h) => h.type === "field_changed" && h.at.getTime() === r.staleAt!.getTime());
      expect(change, "the change that made it stale").toBeDefined();
    }
  });

  test("only the latest request of a deal is pending, and each earlier one is replaced by the next", () => {
    for (const dealId of new Set(requests.map((r) => r.opportunityId))) {
      const chain = requests.filter((r) => r.opportunityId === dealId);
      expect(chain.slice(0, -1).every((r) => r.status !== "pending" && r.nextRequest !== null)).toBe(true);
      for (const [i, r] of chain.entries()) expect(r.previousRequestId).toBe(i === 0 ? null : chain[i - 1]!.id);
    }
  });

  test("a carried decision is an approval given on the earlier request, by the same person, for a group whose terms did not change", () => {
    const carried = requests.flatMap((r) => r.decisions.filter((d) => d.carriedFromRequestId).map((d) => ({ r, d })));
    expect(carried.length).toBeGreaterThan(0);
    for (const { r, d } of carried) {
      const origin = requests.find((o) => o.id === d.carriedFromRequestId)!;
      expect(origin.createdAt.getTime()).toBeLessThan(r.createdAt.getTime());
      expect(origin.opportunityId).toBe(r.opportunityId);
      expect(decisionOf(origin, d.group)).toMatchObject({ decision: "approve", deciderId: d.deciderId, decidedAt: d.decidedAt, comment: d.comment });
      expect(d.decision).toBe("approve");
      const submitted = termsAt(r.opportunity, r.createdAt);
      const read = evaluateDealDesk(rules, submitted).termsRead[d.group] ?? [];
      const changed = changedTerms(snapshotOf(origin), submitted).map((c) => c.term);
      expect(read.some((t) => changed.includes(t))).toBe(false);
    }
  });

  test("each decision is its group's: the owner's team manager for the sales manager, a member of the group otherwise, never the owner", () => {
    for (const r of requests)
      for (const d of r.decisions) {
        expect(groupsOf(r)).toContain(d.group);
        expect(d.deciderId).not.toBe(r.opportunity.ownerId);
        if (d.group === "sales_manager") expect(d.deciderId).toBe(r.opportunity.owner.team?.managerId);
        else expect(users.get(d.deciderId)?.groups).toContain(d.group);
        if (d.decision !== "approve") expect(d.comment).not.toBe("");
        if (!d.carriedFromRequestId) expect(d.decidedAt.getTime()).toBeGreaterThan(r.createdAt.getTime());
      }
  });

  test("a request's status follows its decisions", () => {
    for (const r of requests) {
      const own = r.decisions.filter((d) => !d.carriedFromRequestId);
      const allApproved = groupsOf(r).every((g) => decisionOf(r, g)?.decision === "approve");
      const ending = r.decisions.some((d) => d.decision === "reject")
        ? "rejected"
        : r.decisions.some((d) => d.decision === "request_changes")
          ? "changes_requested"
          : allApproved
            ? "approved"
            : "pending";
      if (r.status === "withdrawn") expect(r.withdrawnAt).not.toBeNull();
      else if (r.status === "stale") expect(["pending", "approved"]).toContain(ending);
      else expect(r.status, r.id).toBe(ending);
      if (r.status === "pending") expect(r.decidedAt).toBeNull();
      if (["approved", "rejected", "changes_requested"].includes(r.status))
        expect(r.decidedAt).toEqual(new Date(Math.max(...own.map((d) => d.decidedAt.getTime()))));
    }
  });
});

describe("the deals' histories tell the same story", () => {
  test("each submission, decision and withdrawal is in the deal's history when it happened, by who did it", () => {
    for (const r of requests) {
      const entries = r.opportunity.history.filter((h) => detailsOf(h).requestId === r.id);
      const requested = entries.find((h) => h.type === "approval_requested");
      expect(requested?.at, r.id).toEqual(r.createdAt);
      expect(requested?.actorId).toBe(r.requestedById);
      expect(detailsOf(requested!)).toMatchObject({
        requiredGroups: groupsOf(r),
        previousRequestId: r.previousRequestId,
        justification: r.justification,
      });
      for (const d of r.decisions.filter((d) => !d.carriedFromRequestId)) {
        const decided = entries.find((h) => h.type === "approval_decided" && detailsOf(h).group === d.group);
        expect(decided?.at).toEqual(d.decidedAt);
        expect(decided?.actorId).toBe(d.deciderId);
        expect(detailsOf(decided!)).toMatchObject({ decision: d.decision, comment: d.comment });
      }
      expect(entries.filter((h) => h.type === "approval_decided")).toHaveLength(r.decisions.filter((d) => !d.carriedFromRequestId).length);
      if (r.status === "withdrawn")
        expect(entries.find((h) => h.type === "approval_invalidated")).toMatchObject({
          at: r.withdrawnAt,
          actorId: r.requestedById,
          details: { reason: "withdrawn" },
        });
    }
  });

  test("the deal's version counts its history, and its last change is its last entry", () => {
    for (const deal of new Map(requests.map((r) => [r.opportunityId, r.opportunity])).values()) {
      expect(deal.version).toBe(deal.history.length);
      const times = deal.history.map((h) => h.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(deal.updatedAt).toEqual(deal.history.at(-1)!.at);
    }
  });
});

describe("what the desk shows", () => {
  const isLate = (r: Request) => turnaround(r.createdAt, r.targetHours, now).late;
  const waitingOn = (r: Request) => groupsOf(r).filter((g) => !decisionOf(r, g));
  const one = (label: string, found: Request[]) => {
    expect(found.length, label).toBeGreaterThan(0);
    return found[0]!;
  };

  test("a rock waits late on finance, sales operations having approved", () => {
    const rock = one(
      "late rock",
      requests.filter((r) => r.status === "pending" && r.opportunity.amountCents >= 250_000_00n && isLate(r)),
    );
    expect(groupsOf(rock)).toEqual(["finance", "sales_ops"]);
    expect(decisionOf(rock, "sales_ops")?.decision).toBe("approve");
    expect(waitingOn(rock)).toEqual(["finance"]);
  });

  test("a discount between 15 and 30% waits, fresh, on the sales manager", () => {
    const fresh = one(
      "fresh discount",
      requests.filter(
        (r) =>
          r.status === "pending" &&
          r.decisions.length === 0 &&
          !isLate(r) &&
          r.opportunity.discountPercent > 15 &&
          r.opportunity.discountPercent <= 30,
      ),
    );
    expect(groupsOf(fresh)).toEqual(["sales_manager"]);
  });

  test("legal terms changed after approval: the stale request's finance approval is carried to its resubmission, where legal decides again", () => {
    const stale = one(
      "stale then resubmitted",
      requests.filter((r) => r.status === "stale" && r.nextRequest !== null),
    );
    expect((stale.changedTerms as { term: string }[]).map((c) => c.term)).toEqual(["legal_terms"]);
    const next = requests.find((r) => r.id === stale.nextRequest!.id)!;
    expect(next.status).toBe("pending");
    expect(decisionOf(next, "finance")).toMatchObject({ decision: "approve", carriedFromRequestId: stale.id });
    expect(waitingOn(next)).toEqual(["legal"]);
  });

  test("a deep discount approved by the manager waits on finance", () => {
    const deep = one(
      "deep discount",
      requests.filter((r) => r.status === "pending" && r.opportunity.discountPercent > 30),
    );
    expect(decisionOf(deep, "sales_manager")?.decision).toBe("approve");
    expect(waitingOn(deep)).toEqual(["finance"]);
  });

  test("an approval stale on a legal change waits for its resubmission", () => {
    const stale = one(
      "stale, not resubmitted",
      requests.filter((r) => r.status === "stale" && r.nextRequest === null),
    );
    expect((stale.changedTerms as { term: string }[]).map((c) => c.term)).toEqual(["legal_terms"]);
  });

  test("a contract term out of range is rejected, and changes are requested, each with a comment", () => {
    const rejected = one(
      "rejected",
      requests.filter((r) => r.status === "rejected"),
    );
    expect((rejected.reasons as { key: string }[]).map((x) => x.key)).toContain("term_length");
    expect(rejected.decisions.find((d) => d.decision === "reject")?.comment).not.toBe("");
    const sentBack = one(
      "changes requested",
      requests.filter((r) => r.status === "changes_requested"),
    );
    expect(sentBack.decisions.find((d) => d.decision === "request_changes")?.comment).not.toBe("");
  });

  test("each deal's approval, as the API answers it, agrees with its latest request, a deal past the gate has its approval or an override, and a won deal its approval", async () => {
    const admin = await actorOf(await db().user.findUniqueOrThrow({ where: { email: "admin@stageline.test" } }));
    const expected = {
      pending: "pending",
      approved: "approved",
      rejected: "rejected",
      stale: "stale",
      changes_requested: "changes_requested",
      withdrawn: "needed",
    };
    for (const deal of new Map(requests.map((r) => [r.opportunityId, r.opportunity])).values()) {
      const latest = latestOf(deal);
      const { approval } = await getOpportunity(admin, deal.id);
      expect(approval.status, deal.name).toBe(expected[latest.status]);
      expect(approval.requestId).toBe(latest.id);
      expect(approval.status).toBe(
        approvalStatus(evaluateDealDesk(rules, termsOf(deal)).groups, termsOf(deal), { ...latest, requiredGroups: groupsOf(latest) }).status,
      );
    }
    const process = await getActiveProcessVersion(database().sql);
    const open = process.stages.filter((s) => s.kind === "open");
    const gate = open.findIndex((s) => s.exitCriteria.some((c) => c.type === "approval"));
    const pastGate = await db().opportunity.findMany({ where: { status: "open", stageKey: { in: open.slice(gate + 1).map((s) => s.key) } } });
    let approvedPastGate = 0;
    for (const deal of pastGate) {
      const { approval } = await getOpportunity(admin, deal.id);
      if (approval.status === "approved") approvedPastGate++;
      else if (approval.status !== "not_required") expect(deal.overriddenAt, deal.name).not.toBeNull();
    }
    expect(approvedPastGate).toBeGreaterThan(0);
    // Closed Won checks the approval again: a won deal is standard, or went through the desk.
    let wonThroughDesk = 0;
    for (const deal of await db().opportunity.findMany({ where: { status: "won" } })) {
      const { approval } = await getOpportunity(admin, deal.id);
      expect(["not_required", "approved"], deal.name).toContain(approval.status);
      if (approval.status === "approved") wonThroughDesk++;
    }
    expect(wonThroughDesk).toBeGreaterThan(0);
  });

  test("the finance user's queue waits on them, one request late; legal, sales operations and the managers have theirs", async () => {
    const queueOf = async (email: string) =>
      getDeskQueue(await actorOf(await db().user.findUniqueOrThrow({ where: { email } })), DEFAULT_QUEUE_FILTERS, { now });
    const finance = await queueOf("finance@stageline.test");
    expect(finance.rows.length).toBeGreaterThanOrEqual(2);
    expect(finance.rows.every((row) => row.awaitingYou.includes("finance"))).toBe(true);
    expect(finance.late).toBeGreaterThan(0);
    // e2e/deal-desk.spec.ts shows the queue's empty state with finance's withdrawn requests: there are none.
    const financeActor = await actorOf(await db().user.findUniqueOrThrow({ where: { email: "finance@stageline.test" } }));
    expect((await getDeskQueue(financeActor, { ...DEFAULT_QUEUE_FILTERS, status: "withdrawn" }, { now })).rows).toEqual([]);
    expect((await getDeskQueue(financeActor, { ...DEFAULT_QUEUE_FILTERS, status: "rejected" }, { now })).rows.length).toBeGreaterThan(0);
    expect((await queueOf("legal@stageline.test")).rows.length).toBeGreaterThan(0);
    const salesOps = await getDeskQueue(
      await actorOf(await db().user.findUniqueOrThrow({ where: { email: "salesops@stageline.test" } })),
      { ...DEFAULT_QUEUE_FILTERS, status: "all" },
      { now },
    );
    expect(salesOps.rows.length).toBeGreaterThan(0);
    // The Enterprise manager has the fresh discount to decide; the Mid-Market one approved the deep discount.
    const manager = await queueOf("manager@stageline.test");
    expect(manager.rows.length).toBeGreaterThan(0);
    expect(manager.rows.every((row) => row.awaitingYou.includes("sales_manager"))).toBe(true);
    const manager2 = await getDeskQueue(
      await actorOf(await db().user.findUniqueOrThrow({ where: { email: "manager2@stageline.test" } })),
      { ...DEFAULT_QUEUE_FILTERS, status: "all" },
      { now },
    );
    expect(manager2.rows.length).toBeGreaterThan(0);
  });

  test("each request's page opens for an admin, with its chain of linked requests and where the deal stands", async () => {
    const admin = await actorOf(await db().user.findUniqueOrThrow({ where: { email: "admin@stageline.test" } }));
    for (const r of requests) {
      const page = await getDeskRequest(admin, r.id, { now });
      expect(page.snapshotReadable).toBe(true);
      expect(page.decisions.filter((d) => d.decision !== null).length, r.id).toBe(r.decisions.length);
      expect(page.chain.map((l) => l.id)).toEqual(requests.filter((o) => o.opportunityId === r.opportunityId).map((o) => o.id));
      expect(page.deal.approval.latestRequestId).toBe(latestOf(r.opportunity).id);
    }
  });

  test("the deal desk users exist in each desk group", async () => {
    for (const group of ["finance", "legal", "sales_ops"] as const)
      expect(
        [...users.values()].some((u) => u.role === "deal_desk" && u.groups.includes(group)),
        group,
      ).toBe(true);
    expect(emailOf(requests[0]!.requestedById)).toMatch(/@stageline\.test$/);
  });
});

describe("the same story on any day", () => {
  // Lateness is counted in business hours: a plan made on any day of the week, at any hour, keeps
  // the rock late and the fresh discount on time, and every request inside its deal's history.
  const starts = Array.from({ length: 7 * 4 }, (_, i) => new Date(Date.UTC(2026, 2, 16, 1 + (i % 4) * 6) + Math.floor(i / 4) * 86_400_000));

  test.each(starts.map((start) => [start.toISOString(), start] as const))("planned at %s", async (_, at) => {
    const process = await getActiveProcessVersion(database().sql);
    const plan = planDemoData(process, at, seededRandom(DEMO_SEED), { rules, targetHours: 24 });
    const planned = plan.deals.flatMap((deal) => deal.approvalRequests.map((r) => ({ deal, r })));
    const pending = planned.filter(({ r }) => r.status === "pending");
    const late = pending.filter(({ r }) => turnaround(r.createdAt, r.targetHours, at).late);
    expect(late.some(({ deal }) => deal.amountCents >= 250_000_00n)).toBe(true);
    expect(
      pending.some(({ deal, r }) => r.decisions.length === 0 && deal.discountPercent <= 30 && !turnaround(r.createdAt, r.targetHours, at).late),
    ).toBe(true);
    for (const { deal, r } of planned) {
      expect(r.createdAt.getTime()).toBeGreaterThan(deal.createdAt.getTime());
      expect(r.createdAt.getTime()).toBeLessThanOrEqual(at.getTime());
      expect(deal.history.at(-1)!.at.getTime()).toBeLessThanOrEqual(at.getTime());
    }
  });
});

test("a story the rules in force cannot tell is left out, and the requests that remain still agree with those rules", async () => {
  // An admin switched the discount rules off before the demo was loaded.
  const edited = rules.filter((r) => !r.key.startsWith("discount_"));
  const process = await getActiveProcessVersion(database().sql);
  const plan = planDemoData(process, now, seededRandom(DEMO_SEED), { rules: edited, targetHours: 24 });
  const planned = plan.deals.flatMap((deal) => deal.approvalRequests);
  expect(planned.length).toBeGreaterThan(0);
  expect(planned.length).toBeLessThan(requests.length);
  for (const r of planned) {
    expect(r.requiredGroups).toEqual(evaluateDealDesk(edited, r.termsSnapshot).groups);
    expect(r.requiredGroups).not.toContain("sales_manager");
  }
});
