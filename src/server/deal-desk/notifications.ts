// Who the deal desk's e-mails go to, and what they say (docs/rules/deal-desk.md#notifications). They
// are outbox messages, queued in the transaction of the change that causes them; each idempotency
// key names the message, so a retried change queues nothing twice.
import { sql } from "kysely";
import type { ApproverGroup } from "../../domain/deal-desk/rules";
import type { ChangedTerm } from "../../domain/deal-desk/terms";
import type { Sql } from "../db";
import type { NewOutboxMessage } from "../outbox/enqueue-message";

export const GROUP_NAMES: Record<ApproverGroup, string> = {
  sales_manager: "sales manager",
  finance: "finance",
  legal: "legal",
  sales_ops: "sales operations",
};

const TERM_NAMES: Record<ChangedTerm["term"], string> = {
  amount: "amount",
  currency: "currency",
  discount_percent: "discount",
  payment_terms_days: "payment terms (days)",
  term_months: "contract term (months)",
  legal_terms: "legal terms",
};

/** A link into the app: absolute when NEXTAUTH_URL names the public address, else a path. */
export function appLink(path: string, env: Record<string, string | undefined> = process.env): string {
  return `${(env.NEXTAUTH_URL ?? "").replace(/\/+$/, "")}${path}`;
}

export const requestLink = (requestId: string) => appLink(`/deal-desk/${requestId}`);

/**
 * The addresses of a group's approvers for a deal owned by `ownerId`: the active deal desk users in
 * the group; for the sales manager group, the owner's team's deputy when one is named, else its
 * manager. The deal's owner is never among them: nobody decides on their own deal.
 */
export async function approverAddresses(q: Sql, ownerId: string, group: ApproverGroup): Promise<string[]> {
  if (group === "sales_manager") {
    const row = await q
      .selectFrom("User as owner")
      .innerJoin("Team as t", "t.id", "owner.teamId")
      .leftJoin("User as deputy", (j) => j.onRef("deputy.id", "=", "t.approvalDeputyId").on("deputy.active", "=", true))
      .leftJoin("User as manager", (j) => j.onRef("manager.id", "=", "t.managerId").on("manager.active", "=", true))
      .select(["deputy.id as deputyId", "deputy.email as deputyEmail", "manager.id as managerId", "manager.email as managerEmail"])
      .where("owner.id", "=", ownerId)
      .executeTakeFirst();
    const who = row?.deputyId ? { id: row.deputyId, email: row.deputyEmail } : { id: row?.managerId, email: row?.managerEmail };
    return who.id && who.email && who.id !== ownerId ? [who.email] : [];
  }
  const rows = await q
    .selectFrom("User")
    .select("email")
    .where("active", "=", true)
    .where("id", "!=", ownerId)
    .where(sql<boolean>`${group}::text = ANY("groups"::text[])`)
    .orderBy("email")
    .execute();
  return rows.map((r) => r.email);
}

export type DealLabel = { name: string; accountName: string };
const dealLabel = (deal: DealLabel) => `${deal.name} (${deal.accountName})`;

const email = (to: string[], subject: string, text: string, idempotencyKey: string): NewOutboxMessage[] =>
  to.length === 0 ? [] : [{ channel: "email", payload: { to, subject, text }, idempotencyKey }];

type Mail = { subject: string; text: string; idempotencyKey: string };

/** One e-mail to each group's approvers (none for a group without any), written for that group. */
async function toApprovers(
  q: Sql,
  ownerId: string,
  groups: readonly ApproverGroup[],
  mail: (group: ApproverGroup) => Mail,
): Promise<NewOutboxMessage[]> {
  const messages: NewOutboxMessage[] = [];
  for (const group of groups) {
    const { subject, text, idempotencyKey } = mail(group);
    messages.push(...email(await approverAddresses(q, ownerId, group), subject, text, idempotencyKey));
  }
  return messages;
}

/** To a group's approvers, when a request reaches them. */
export function approvalNeededMessages(
  q: Sql,
  request: { id: string; ownerId: string; justification: string; requestedByName: string },
  deal: DealLabel,
  groups: readonly ApproverGroup[],
): Promise<NewOutboxMessage[]> {
  return toApprovers(q, request.ownerId, groups, (group) => ({
    subject: `Approval needed: ${dealLabel(deal)}`,
    text: [
      `${request.requestedByName} asks for the ${GROUP_NAMES[group]} approval of ${dealLabel(deal)}.`,
      "",
      `Justification: ${request.justification}`,
      "",
      `Approve, reject or request changes: ${requestLink(request.id)}`,
    ].join("\n"),
    idempotencyKey: `approval:${request.id}:needed:${group}`,
  }));
}

/** A reminder to a group's approvers once a request is past its target turnaround. */
export function reminderMessages(
  q: Sql,
  request: { id: string; ownerId: string; dueAt: Date },
  deal: DealLabel,
  group: ApproverGroup,
): Promise<NewOutboxMessage[]> {
  return toApprovers(q, request.ownerId, [group], () => ({
    subject: `Reminder: approval overdue for ${dealLabel(deal)}`,
    text: [
      `The ${GROUP_NAMES[group]} decision on ${dealLabel(deal)} was due ${request.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC and is still open.`,
      "",
      `Decide it here: ${requestLink(request.id)}`,
    ].join("\n"),
    idempotencyKey: `approval:${request.id}:reminder:${group}`,
  }));
}

/**
 * To the approvers of each group the request still waited on, when it is withdrawn: it leaves their
 * queue, and they need not decide. Groups that had decided are not written to: nothing waits on them.
 */
export function withdrawnMessages(
  q: Sql,
  request: { id: string; ownerId: string; withdrawnByName: string },
  deal: DealLabel,
  groups: readonly ApproverGroup[],
): Promise<NewOutboxMessage[]> {
  return toApprovers(q, request.ownerId, groups, (group) => ({
    subject: `Withdrawn: approval request for ${dealLabel(deal)}`,
    text: [
      `${request.withdrawnByName} withdrew the approval request for ${dealLabel(deal)}: the ${GROUP_NAMES[group]} decision is no longer needed.`,
      "",
      `The request: ${requestLink(request.id)}`,
    ].join("\n"),
    idempotencyKey: `approval:${request.id}:withdrawn:${group}`,
  }));
}

const DECISION_WORDS = { approve: "approved", reject: "rejected", request_changes: "asked for changes to" } as const;

/** To the submitter, on every decision. */
export function decisionMessages(
  request: { id: string; submitterEmail: string },
  deal: DealLabel,
  decision: { group: ApproverGroup; decision: keyof typeof DECISION_WORDS; comment: string; deciderName: string },
  outcome: "pending" | "approved" | "rejected" | "changes_requested",
): NewOutboxMessage[] {
  const after = {
    pending: "The request waits for the other groups.",
    approved: "Every group has approved: the request is approved.",
    rejected: "The request is rejected.",
    changes_requested: "Change the deal and submit it again; approvals that your change does not touch carry over.",
  }[outcome];
  return email(
    [request.submitterEmail],
    `${decision.deciderName} ${DECISION_WORDS[decision.decision]} ${dealLabel(deal)}`,
    [
      `${decision.deciderName} (${GROUP_NAMES[decision.group]}) ${DECISION_WORDS[decision.decision]} your approval request for ${dealLabel(deal)}.`,
      ...(decision.comment ? ["", `Comment: ${decision.comment}`] : []),
      "",
      after,
      "",
      `The request: ${requestLink(request.id)}`,
    ].join("\n"),
    `approval:${request.id}:decided:${decision.group}`,
  );
}

const shown = (value: ChangedTerm["from"]) => (value === null ? "unknown" : value === "" ? "none" : String(value));

/** To the submitter, when a change to the deal made their request stale. */
export function staleMessages(request: { id: string; submitterEmail: string }, deal: DealLabel, changed: readonly ChangedTerm[]): NewOutboxMessage[] {
  return email(
    [request.submitterEmail],
    `Approval no longer covers ${dealLabel(deal)}`,
    [
      `A change to ${dealLabel(deal)} made its approval request stale:`,
      ...changed.map((c) => `- ${TERM_NAMES[c.term]}: ${shown(c.from)} → ${shown(c.to)}`),
      "",
      `Submit it again; the approvals your change does not touch carry over: ${requestLink(request.id)}`,
    ].join("\n"),
    `approval:${request.id}:stale`,
  );
}
