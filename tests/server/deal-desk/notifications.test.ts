// The deal desk's e-mails reach a real (local) SMTP server through the outbox: approvers when a
// request reaches their group and when it is withdrawn while waiting on them, the submitter on every
// decision and when their approval goes stale, and one reminder per waiting group once a request
// passes its target turnaround.
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import type { Actor } from "@/src/auth/actor";
import { database, db } from "@/src/server/db";
import { decideApprovalRequest, submitApprovalRequest, withdrawApprovalRequest } from "@/src/server/deal-desk/approval-requests";
import { approvalReminderTask, queueApprovalReminders } from "@/src/server/deal-desk/reminders";
import { updateOpportunity } from "@/src/server/opportunities/update-opportunity";
import { startOutboxWorker, type OutboxWorker } from "@/src/server/outbox/outbox-worker";
import { sendersFromEnv } from "@/src/server/outbox/senders/senders-from-env";
import { actorOf } from "../../support/board";
import { createDeal, currentVersion, ensureDefaults } from "../../support/deals";
import { createTeam, createUser, type TestUser } from "../../support/fixtures";
import { FAST, waitFor } from "../../support/outbox";
import { startSmtpReceiver, type SmtpReceiver } from "../../support/receivers";

const MAIL_FROM = "Stageline <stageline@example.test>";
let smtp: SmtpReceiver;
let worker: OutboxWorker | null = null;
let rep: TestUser;
let manager: TestUser;
let finance: TestUser;
let legal: TestUser;
const as: Record<"rep" | "manager" | "finance" | "legal", Actor> = {} as never;

beforeAll(async () => {
  await ensureDefaults();
  smtp = await startSmtpReceiver();
  const team = await createTeam("Enterprise");
  manager = await createUser({ role: "manager", teamId: team.id, email: "manager@example.test" });
  await db().team.update({ where: { id: team.id }, data: { managerId: manager.id } });
  rep = await createUser({ role: "rep", teamId: team.id, email: "rep@example.test" });
  finance = await createUser({ role: "deal_desk", groups: ["finance"], email: "finance@example.test" });
  await createUser({ role: "deal_desk", groups: ["finance", "legal"], email: "finance-legal@example.test" });
  legal = await createUser({ role: "deal_desk", groups: ["legal"], email: "legal@example.test" });
  // An inactive member of finance is not written to.
  await createUser({ role: "deal_desk", groups: ["finance"], email: "gone@example.test", active: false });
  for (const [who, user] of [
    ["rep", rep],
    ["manager", manager],
    ["finance", finance],
    ["legal", legal],
  ] as const)
    as[who] = await actorOf(user);
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  smtp.mails.length = 0;
  smtp.acted.length = 0;
});
afterAll(async () => {
  await smtp.down();
});

const startWorker = (clock?: () => Date) => {
  worker = startOutboxWorker({
    database: database(),
    senders: sendersFromEnv({ SMTP_URL: smtp.url(), MAIL_FROM }, FAST.sendTimeoutMs),
    config: FAST,
    clock,
    periodic: clock ? [approvalReminderTask(database())] : [],
  });
};

const subject = (raw: string) => /^subject:\s*(.*)$/im.exec(raw)?.[1]?.trim() ?? "";
/** The message as its reader sees it: quoted-printable undone (a long link is wrapped where the line is full). */
const text = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
const mailsTo = (address: string) => smtp.acted.filter((m) => m.to.includes(address)).map((m) => subject(m.raw));

test("approvers hear of a request, the submitter of every decision and of a stale approval", async () => {
  const deal = await createDeal(rep.token, { name: "Globex rollout", accountName: "Globex", discountPercent: 35 });
  const request = await submitApprovalRequest(as.rep, deal.id, { justification: "Competitive displacement" });
  await decideApprovalRequest(as.manager, request.id, { decision: "approve", comment: "Go" });
  await decideApprovalRequest(as.finance, request.id, { decision: "approve" });
  await updateOpportunity(as.rep, deal.id, { version: await currentVersion(deal.id), discountPercent: 36 });
  startWorker();

  await waitFor(
    async () => smtp.acted.length,
    (n) => n >= 5,
  );
  expect(mailsTo("manager@example.test")).toEqual(["Approval needed: Globex rollout (Globex)"]);
  expect(mailsTo("finance@example.test")).toEqual(["Approval needed: Globex rollout (Globex)"]);
  expect(mailsTo("finance-legal@example.test")).toEqual(["Approval needed: Globex rollout (Globex)"]);
  expect(mailsTo("legal@example.test")).toEqual([]);
  expect(mailsTo("gone@example.test")).toEqual([]);
  expect(mailsTo("rep@example.test").sort()).toEqual([
    "Approval no longer covers Globex rollout (Globex)",
    "Test deal_desk approved Globex rollout (Globex)",
    "Test manager approved Globex rollout (Globex)",
  ]);
  const needed = smtp.acted.find((m) => m.to.includes("manager@example.test"))!;
  expect(text(needed.raw)).toContain(`/deal-desk/${request.id}`);
  expect(text(needed.raw)).toContain("Competitive displacement");
  const stale = smtp.acted.find((m) => subject(m.raw).startsWith("Approval no longer covers"))!;
  expect(text(stale.raw)).toMatch(/discount: 35 /);
});

test("a rejection and a change request tell the submitter, with the comment", async () => {
  const deal = await createDeal(rep.token, { name: "Initech renewal", accountName: "Initech", paymentTermsDays: 60, nonStandardTerms: "DPA edits" });
  const request = await submitApprovalRequest(as.rep, deal.id, { justification: "Renewal at risk" });
  await decideApprovalRequest(as.legal, request.id, { decision: "request_changes", comment: "Drop clause 9" });
  startWorker();
  await waitFor(
    async () => mailsTo("rep@example.test"),
    (subjects) => subjects.length >= 1,
  );
  expect(mailsTo("rep@example.test")).toEqual(["Test deal_desk asked for changes to Initech renewal (Initech)"]);
  expect(text(smtp.acted.find((m) => m.to.includes("rep@example.test"))!.raw)).toContain("Drop clause 9");
});

test("a withdrawn request tells the approvers of each group it still waited on, once per group", async () => {
  const deal = await createDeal(rep.token, { name: "Stark upgrade", accountName: "Stark", discountPercent: 35, nonStandardTerms: "SLA credits" });
  const request = await submitApprovalRequest(as.rep, deal.id, { justification: "Multi-year" });
  await decideApprovalRequest(as.finance, request.id, { decision: "approve" });
  await withdrawApprovalRequest(as.rep, request.id);
  startWorker();
  const withdrawn = () => smtp.acted.filter((m) => subject(m.raw).startsWith("Withdrawn"));
  // One message per group: legal's goes to both of its members.
  await waitFor(
    async () => withdrawn().length,
    (n) => n >= 2,
  );
  const subjectLine = "Withdrawn: approval request for Stark upgrade (Stark)";
  // The sales manager and legal had not decided; finance had, and is not written to.
  expect(mailsTo("manager@example.test")).toContain(subjectLine);
  expect(mailsTo("legal@example.test")).toContain(subjectLine);
  expect(mailsTo("finance-legal@example.test").filter((s) => s === subjectLine)).toHaveLength(1);
  expect(mailsTo("finance@example.test")).not.toContain(subjectLine);
  expect(mailsTo("rep@example.test")).not.toContain(subjectLine);
  const mail = withdrawn().find((m) => m.to.includes("manager@example.test"))!;
  expect(text(mail.raw)).toContain(`/deal-desk/${request.id}`);
  expect(text(mail.raw)).toMatch(/Test rep withdrew the approval request/);
  const queued = await db().outboxMessage.findMany({
    where: { opportunityId: deal.id, idempotencyKey: { contains: ":withdrawn:" } },
    orderBy: { idempotencyKey: "asc" },
  });
  expect(queued.map((m) => [m.idempotencyKey, (m.payload as { to: string[] }).to])).toEqual([
    [`approval:${request.id}:withdrawn:legal`, ["finance-legal@example.test", "legal@example.test"]],
    [`approval:${request.id}:withdrawn:sales_manager`, ["manager@example.test"]],
  ]);
  // Queued in the withdrawal's transaction: the same history holds it as a change of the deal.
  expect(await db().historyEntry.count({ where: { opportunityId: deal.id, type: "approval_invalidated" } })).toBe(1);
});

// Friday 4 December 2026, 15:00 UTC: with 24 business hours the request is due Monday 15:00.
const FRIDAY = new Date("2026-12-04T15:00:00Z");
const MONDAY_BEFORE = new Date("2026-12-07T14:59:00Z");
const MONDAY_AFTER = new Date("2026-12-07T15:01:00Z");

test("a request past its target turnaround reminds each waiting group's approvers once", async () => {
  const deal = await createDeal(rep.token, { name: "Hooli expansion", accountName: "Hooli", discountPercent: 35 });
  const request = await submitApprovalRequest(as.rep, deal.id, { justification: "Land and expand" }, { now: FRIDAY });
  await decideApprovalRequest(as.manager, request.id, { decision: "approve" }, { now: FRIDAY });
  // Saturday and Sunday do not count: still on time on Monday morning.
  expect(await queueApprovalReminders(database(), new Date("2026-12-06T23:00:00Z"))).toBe(0);
  expect(await queueApprovalReminders(database(), MONDAY_BEFORE)).toBe(0);

  startWorker(() => MONDAY_AFTER);
  await waitFor(
    async () => smtp.acted.filter((m) => subject(m.raw).startsWith("Reminder")).length,
    (n) => n >= 1,
  );
  const reminders = await db().outboxMessage.findMany({ where: { idempotencyKey: { contains: ":reminder:" }, opportunityId: deal.id } });
  // Only finance still owes a decision; the sales manager decided.
  expect(reminders.map((m) => [m.idempotencyKey, (m.payload as { to: string[] }).to])).toEqual([
    [`approval:${request.id}:reminder:finance`, ["finance-legal@example.test", "finance@example.test"]],
  ]);
  // Every later look queues nothing more.
  expect(await queueApprovalReminders(database(), new Date("2026-12-09T12:00:00Z"))).toBe(0);
});

test("a request decided before its due time is not reminded", async () => {
  const deal = await createDeal(rep.token, { name: "Umbrella deal", accountName: "Umbrella", paymentTermsDays: 45 });
  const request = await submitApprovalRequest(as.rep, deal.id, { justification: "Quarter end" }, { now: FRIDAY });
  await decideApprovalRequest(as.finance, request.id, { decision: "approve" }, { now: FRIDAY });
  expect(await queueApprovalReminders(database(), MONDAY_AFTER)).toBe(0);
  expect(await db().outboxMessage.count({ where: { idempotencyKey: { startsWith: `approval:${request.id}:reminder` } } })).toBe(0);
});
