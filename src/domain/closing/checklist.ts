// The Closed Won checklist (docs/rules/closing.md): which items a won deal has, and how each one's
// state reads from what is stored and from the outbox message that carries it.

/** In the order the rep works through them. */
export const CHECKLIST_KINDS = ["signed_contract", "why_won", "slack_post", "welcome_email", "handoff_meeting"] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

export const ITEM_LABELS: Record<ChecklistKind, string> = {
  signed_contract: "Signed contract attached under the naming convention",
  why_won: "Why we won",
  slack_post: "Post in #wins",
  welcome_email: "Welcome e-mail to the new customer",
  handoff_meeting: "Hand-off meeting with customer success",
};

/** The items that go out through the outbox; the others are done by the move itself. */
export const SENT_KINDS = ["slack_post", "welcome_email", "handoff_meeting"] as const satisfies readonly ChecklistKind[];
export type SentKind = (typeof SENT_KINDS)[number];
export const isSentKind = (kind: ChecklistKind): kind is SentKind => (SENT_KINDS as readonly string[]).includes(kind);

/** The channel each sent item needs configured: the welcome e-mail and the invitation are mail. */
export const CHANNEL_OF: Record<SentKind, "slack" | "email"> = { slack_post: "slack", welcome_email: "email", handoff_meeting: "email" };

/** A welcome is for a new customer: an expansion's customer was welcomed when they first signed. */
export const checklistKindsFor = (deal: { type: "new" | "expansion" }): ChecklistKind[] =>
  CHECKLIST_KINDS.filter((kind) => kind !== "welcome_email" || deal.type === "new");

export const ITEM_STATES = ["done", "pending", "sending", "failed", "not_configured"] as const;
export type ItemState = (typeof ITEM_STATES)[number];

type MessageStatus = "pending" | "sending" | "delivered" | "failed" | "not_configured";

/**
 * An item marked done (by the move, or by hand with a note) is done. Otherwise a sent item reads
 * its latest message: delivered is done, queued or on its way is sending, and a failure or a
 * missing configuration says so. An item never sent is pending, or not configured while its channel
 * has no configuration, so that nobody waits on a message that cannot leave.
 */
export function itemState(item: { done: boolean; latestMessage: MessageStatus | null; configured: boolean }): ItemState {
  if (item.done) return "done";
  switch (item.latestMessage) {
    case "delivered":
      return "done";
    case "pending":
    case "sending":
      return "sending";
    case "failed":
      return "failed";
    case "not_configured":
      return "not_configured";
    case null:
      return item.configured ? "pending" : "not_configured";
    default: {
      const never: never = item.latestMessage;
      throw new Error(`Unknown message status ${String(never)}`);
    }
  }
}

export type ItemAction = "send" | "retry" | "mark_done";

/**
 * What may be done to an item in a state, and why not otherwise. Sending again once the item is done
 * (delivered, or marked done by hand) is allowed only when asked twice (`confirmed`): a message goes out at most once unless the rep insists.
 */
export function actionRefusal(
  kind: ChecklistKind,
  state: ItemState,
  action: ItemAction,
  options: { delivered: boolean; confirmed: boolean },
): { reason: "not_sendable" | "in_flight" | "already_sent" | "not_failed" | "already_done"; message: string } | null {
  if (action !== "mark_done" && !isSentKind(kind)) return { reason: "not_sendable", message: "This item is done by the move: nothing to send." };
  if (state === "sending") return { reason: "in_flight", message: "The message is on its way: wait for it to be delivered or to fail." };
  if (action === "retry") return state === "failed" ? null : { reason: "not_failed", message: "Only a failed message can be retried." };
  if (action === "mark_done") return state === "done" ? { reason: "already_done", message: "This item is already done." } : null;
  if ((options.delivered || state === "done") && !options.confirmed)
    return { reason: "already_sent", message: "This item is already done. Confirm to send its message again." };
  return null;
}
