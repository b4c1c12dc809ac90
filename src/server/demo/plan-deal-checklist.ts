// The Closed Won checklists of the demo's won deals (docs/rules/demo-data.md, "After the close"): one
// still being worked (nothing sent, no customer contact yet, so the welcome asks for one), one with
// its welcome e-mail failed at the mail server and waiting for a retry, and every other win done, its
// messages delivered in the day after the close.
import { checklistKindsFor, type ChecklistKind, isSentKind } from "../../domain/closing/checklist";
import { defaultAgenda, handoffInvitation } from "../../domain/closing/handoff-invitation";
import { DEFAULT_SLACK_TEMPLATE, DEFAULT_WELCOME_TEMPLATE, slackMessage, slackValues, welcomeMessage } from "../../domain/closing/templates";
import { toCalendarDate } from "../../domain/dates";
import { fromCents } from "../../domain/money";
import { domainOf } from "./demo-accounts";
import { addDays } from "./demo-dates";
import type { PlannedChecklistItem, PlannedContact, PlannedDeal, PlannedHistory, PlannedMessage } from "./demo-plan";
import { DEMO_USERS } from "./demo-users";

const HOUR = 3_600_000;

/** The customer success manager the demo's hand-offs go to: a colleague outside the app's users. */
const CSM = { name: "Riley Chen", email: "riley.chen@stageline.test" };

export type ChecklistStage = "fresh" | "welcome_failed" | "done";

const userName = (email: string) => DEMO_USERS.find((u) => u.email === email)?.name ?? email;

/** The customer contact a welcome e-mail goes to, added the day after the close. */
export function customerContact(deal: Pick<PlannedDeal, "accountName" | "closedAt">): PlannedContact {
  return {
    name: "Jamie Ellison",
    email: `jamie.ellison@${domainOf(deal.accountName)}`,
    title: "Customer Success Lead",
    role: "customer_contact",
    addedAt: new Date(deal.closedAt!.getTime() + 20 * HOUR),
  };
}

/**
 * The items of a won deal's checklist, the messages sent for them, and the history of those sends.
 * `contact` is the customer contact, when the deal has one.
 */
export function planChecklist(
  deal: PlannedDeal,
  stage: ChecklistStage,
  contact: PlannedContact | null,
): { items: PlannedChecklistItem[]; history: PlannedHistory[] } {
  const closedAt = deal.closedAt!;
  const owner = { name: userName(deal.ownerEmail), email: deal.ownerEmail };
  const facts = {
    name: deal.name,
    accountName: deal.accountName,
    amount: fromCents(deal.amountCents),
    currency: "USD",
    ownerName: owner.name,
    whyWon: deal.whyWon,
    createdOn: toCalendarDate(deal.createdAt),
    closedOn: toCalendarDate(closedAt),
  };
  const history: PlannedHistory[] = [];
  const at = (hours: number) => new Date(closedAt.getTime() + hours * HOUR);
  const sent = (kind: ChecklistKind, message: Omit<PlannedMessage, "createdAt">, hours: number, details: Record<string, unknown>) => {
    history.push({ type: "checklist_updated", at: at(hours), actorEmail: deal.ownerEmail, details: { item: kind, action: "send", ...details } });
    return [{ ...message, createdAt: at(hours) }];
  };
  const delivered = (hours: number) => ({ status: "delivered" as const, deliveredAt: at(hours + 0.01), attempts: 1, lastError: null });

  const items = checklistKindsFor(deal).map((kind): PlannedChecklistItem => {
    const byMove = !isSentKind(kind);
    const item: PlannedChecklistItem = {
      kind,
      doneAt: byMove ? closedAt : null,
      doneByEmail: byMove ? deal.ownerEmail : null,
      details: {},
      messages: [],
    };
    if (byMove || stage === "fresh") return item;
    if (kind === "slack_post") {
      const payload = slackMessage(DEFAULT_SLACK_TEMPLATE, slackValues(facts));
      item.details = { text: payload.text };
      item.messages = sent(kind, { channel: "slack", payload, ...delivered(1) }, 1, item.details);
    }
    if (kind === "welcome_email" && contact) {
      const mail = welcomeMessage(DEFAULT_WELCOME_TEMPLATE, {
        contact: contact.name,
        account: deal.accountName,
        deal: deal.name,
        owner: owner.name,
        ownerEmail: owner.email,
      });
      item.details = { to: [contact.email], subject: mail.subject };
      const outcome =
        stage === "welcome_failed"
          ? { status: "failed" as const, deliveredAt: null, attempts: 6, lastError: `SMTP 550: mailbox ${contact.email} unavailable` }
          : delivered(22);
      item.messages = sent(kind, { channel: "email", payload: { to: [contact.email], ...mail }, ...outcome }, 22, item.details);
    }
    if (kind === "handoff_meeting" && stage === "done") {
      const startsAt = addDays(at(0), 3);
      startsAt.setUTCHours(15, 0, 0, 0);
      const invitation = handoffInvitation({
        uid: `handoff-${deal.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}@stageline`,
        sequence: 0,
        startsAt,
        durationMinutes: 30,
        deal: { name: deal.name, accountName: deal.accountName, url: "/opportunities" },
        owner,
        csm: CSM,
        agenda: defaultAgenda(deal),
      });
      item.details = { csm: { userId: null, ...CSM }, startsAt: startsAt.toISOString(), durationMinutes: 30 };
      item.messages = sent(
        kind,
        {
          channel: "email",
          payload: {
            to: [CSM.email, owner.email],
            subject: invitation.summary,
            text: defaultAgenda(deal),
            calendar: { method: "REQUEST", content: invitation.content },
          },
          ...delivered(26),
        },
        26,
        item.details,
      );
    }
    return item;
  });
  return { items, history };
}
