// Working through a won deal's checklist (docs/rules/closing.md): send an item's message, retry a
// failed one, mark an item done by hand with a note, or edit why we won. Each is a change of the deal
// (changeOpportunity: a new version, a history entry, messages through the outbox), taken under the
// deal's lock so two clicks on "Send" queue one message and the second is told it is on its way.
import type { Actor } from "../../auth/actor";
import { actionRefusal, CHANNEL_OF, type ChecklistKind, isSentKind, itemState } from "../../domain/closing/checklist";
import { defaultAgenda, handoffInvitation } from "../../domain/closing/handoff-invitation";
import { AppError } from "../../errors";
import { fieldProblems } from "../../http/error-response";
import { ChecklistAction, type ChecklistResponse, type HandoffInput } from "../../schemas/closing";
import type { Tx } from "../db";
import { appLink } from "../deal-desk/notifications";
import type { DealChange } from "../opportunities/change-opportunity";
import type { NewOutboxMessage } from "../outbox/enqueue-message";
import { configuredChannels } from "../outbox/senders/senders-from-env";
import { changeWonDeal } from "./change-won-deal";
import { type ChecklistRow, checklistRows, composeMessages, NO_CUSTOMER_CONTACT, type WonDeal, wonDeal } from "./checklist";

type Options = { now?: Date; env?: Record<string, string | undefined> };

const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", `${field}: ${message}`, { fields: [{ field, message }] });
const conflict = (message: string, details: Record<string, unknown>) => new AppError("CONFLICT", message, details);

export async function actOnChecklistItem(
  actor: Actor,
  opportunityId: string,
  kind: ChecklistKind,
  input: ChecklistAction,
  { now = new Date(), env = process.env }: Options = {},
): Promise<ChecklistResponse> {
  const parsed = ChecklistAction.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "The checklist action is not valid.", { fields: fieldProblems(parsed.error) });
  const action = parsed.data;
  return changeWonDeal(
    actor,
    opportunityId,
    async ({ tx, row }) => {
      const item = (await checklistRows(tx, opportunityId)).find((r) => r.kind === kind);
      if (!item) throw new AppError("NOT_FOUND", "This deal's checklist has no such item.");
      const state = itemState({
        done: item.doneAt !== null,
        latestMessage: item.latestStatus ?? null,
        configured: isSentKind(kind) ? configuredChannels(env)[CHANNEL_OF[kind]] : true,
      });
      if (action.action === "edit_why_won") return editWhyWon(kind, row.whyWon, action.whyWon);
      const refusal = actionRefusal(kind, state, action.action, {
        delivered: item.deliveredAt !== null,
        confirmed: action.action === "send" && action.confirm,
      });
      if (refusal) throw conflict(refusal.message, { reason: refusal.reason, state });
      switch (action.action) {
        case "mark_done":
          return markDone(tx, item, actor, action.note, now);
        case "retry":
          return retry(tx, item, now);
        case "send":
          return send(tx, item, await wonDeal(tx, opportunityId), action.handoff, now);
      }
    },
    { now, env, notWon: () => new AppError("NOT_FOUND", "This deal is not won: it has no checklist.") },
  );
}

function editWhyWon(kind: ChecklistKind, from: string, to: string): DealChange | null {
  if (kind !== "why_won") throw invalid("action", "why we won is edited on its own item, why_won");
  if (from === to) return null;
  return { columns: { whyWon: to }, history: [{ type: "checklist_updated", details: { item: kind, action: "edit_why_won", from, to } }] };
}

function markDone(tx: Tx, item: ChecklistRow, actor: Actor, note: string, now: Date): DealChange {
  return {
    write: async () => {
      await tx
        .updateTable("PostCloseItem")
        .set({ doneAt: now, doneById: actor.id, doneNote: note, updatedAt: now })
        .where("id", "=", item.id)
        .execute();
    },
    history: [{ type: "checklist_updated", details: { item: item.kind, action: "mark_done", note } }],
  };
}

/** The item's failed message, queued again under its own idempotency key: the receiver still acts once. */
function retry(tx: Tx, item: ChecklistRow, now: Date): DealChange {
  return {
    write: async () => {
      const latest = await tx
        .selectFrom("OutboxMessage")
        .select("id")
        .where("checklistItemId", "=", item.id)
        .orderBy("createdAt", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirstOrThrow();
      await tx
        .updateTable("OutboxMessage")
        .set({ status: "pending", nextAttemptAt: now, attempts: 0, firstAttemptAt: null, claimedBy: null, lockedUntil: null })
        .where("id", "=", latest.id)
        .where("status", "=", "failed")
        .execute();
    },
    history: [{ type: "checklist_updated", details: { item: item.kind, action: "retry" } }],
  };
}

async function send(tx: Tx, item: ChecklistRow, deal: WonDeal, handoff: HandoffInput | undefined, now: Date): Promise<DealChange> {
  const key = `checklist:${item.id}:${Number(item.sent ?? 0) + 1}`;
  const { slack, welcome } = await composeMessages(tx, deal);
  const base = { idempotencyKey: key, checklistItemId: item.id };
  let message: NewOutboxMessage;
  let details: Record<string, unknown>;
  let columns: DealChange["columns"] = {};
  let assigneeId: string | null = null;
  switch (item.kind) {
    case "slack_post":
      message = { ...base, channel: "slack", payload: slack };
      details = { text: slack.text };
      break;
    case "welcome_email":
      if (!welcome) throw conflict(NO_CUSTOMER_CONTACT, { reason: "no_customer_contact" });
      message = { ...base, channel: "email", payload: { to: welcome.to, subject: welcome.subject, text: welcome.text, html: welcome.html } };
      details = { to: welcome.to, subject: welcome.subject };
      break;
    case "handoff_meeting": {
      if (!handoff) throw invalid("handoff", "required to send the invitation: the CSM and the time");
      const startsAt = new Date(handoff.startsAt);
      if (startsAt.getTime() <= now.getTime()) throw invalid("handoff.startsAt", "pick a time in the future");
      const csm = "userId" in handoff.csm ? await csmUser(tx, handoff.csm.userId) : { id: null, ...handoff.csm };
      assigneeId = csm.id;
      if (csm.id) columns = { csmUserId: csm.id };
      const agenda = handoff.agenda || defaultAgenda(deal);
      const url = appLink(`/opportunities/${deal.id}`);
      const invitation = handoffInvitation({
        uid: `handoff-${item.id}@stageline`,
        sequence: Number(item.sent ?? 0),
        startsAt,
        durationMinutes: handoff.durationMinutes,
        deal: { name: deal.name, accountName: deal.accountName, url },
        owner: { name: deal.ownerName, email: deal.ownerEmail },
        csm: { name: csm.name, email: csm.email },
        agenda,
      });
      message = {
        ...base,
        channel: "email",
        payload: {
          to: [...new Set([csm.email, deal.ownerEmail])],
          subject: invitation.summary,
          text: `${agenda}\n\nWhen: ${startsAt.toUTCString()} (${handoff.durationMinutes} minutes)\nDeal: ${url}`,
          calendar: { method: "REQUEST", content: invitation.content },
        },
      };
      details = {
        csm: { userId: csm.id, name: csm.name, email: csm.email },
        startsAt: startsAt.toISOString(),
        durationMinutes: handoff.durationMinutes,
      };
      break;
    }
    default:
      throw new Error(`${item.kind} is not sent`);
  }
  return {
    columns,
    write: async () => {
      await tx
        .updateTable("PostCloseItem")
        .set({ details: JSON.stringify(details), updatedAt: now, ...(item.kind === "handoff_meeting" ? { assigneeId } : {}) })
        .where("id", "=", item.id)
        .execute();
    },
    history: [{ type: "checklist_updated", details: { item: item.kind, action: "send", ...details } }],
    messages: [message],
  };
}

async function csmUser(tx: Tx, userId: string) {
  const user = await tx.selectFrom("User").select(["id", "name", "email"]).where("id", "=", userId).where("active", "=", true).executeTakeFirst();
  if (!user) throw invalid("handoff.csm.userId", "no active user with this id");
  return user;
}
