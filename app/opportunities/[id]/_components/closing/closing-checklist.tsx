"use client";

// The Closed Won checklist on a won deal's page (docs/rules/closing.md): each item's state in words
// and as a badge, who did it and when, and what may be done to it now. While a message is on its way
// the card says so and refreshes every few seconds, and stops once nothing is sending.
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import type { ChecklistItemResponse, ChecklistResponse } from "@/src/schemas/closing";
import { Badge, type BadgeTone } from "@/src/ui/badge";
import { Button } from "@/src/ui/button";
import { cx } from "@/src/ui/cx";
import { AlertIcon, CheckCircleIcon, CircleIcon, ClockIcon, RotateIcon, XCircleIcon } from "@/src/ui/icons";
import { exactTime } from "../../../_lib/format";
import { generalMessage } from "../../../_lib/problems";
import { EmailDialog, HandoffDialog, type CsmOption, MarkDoneDialog, missingVariables, SlackDialog } from "./checklist-dialogs";
import { CustomerContactForm } from "./customer-contact-form";
import { useChecklistAction } from "./use-checklist-action";
import { WhyWonEditor } from "./why-won-editor";

/** How often the page asks again while a message is on its way. */
const POLL_MS = 3000;

const STATE: Record<ChecklistItemResponse["state"], { label: string; tone: BadgeTone }> = {
  done: { label: "Done", tone: "success" },
  pending: { label: "To do", tone: "neutral" },
  sending: { label: "Sending", tone: "accent" },
  failed: { label: "Failed", tone: "danger" },
  not_configured: { label: "Not configured", tone: "warning" },
};

const ICON = {
  done: <CheckCircleIcon className="size-5 text-emerald-600" />,
  pending: <CircleIcon className="size-5 text-ink-subtle" />,
  sending: <ClockIcon className="size-5 text-accent" />,
  failed: <XCircleIcon className="size-5 text-red-600" />,
  not_configured: <AlertIcon className="size-5 text-amber-600" />,
};

type Props = {
  dealId: string;
  checklist: ChecklistResponse;
  canAct: boolean;
  csmOptions: CsmOption[];
  durations: number[];
  defaultAgenda: string;
};

type Open = { kind: "send" | "mark_done"; item: ChecklistItemResponse } | null;

export function ClosingChecklist({ dealId, checklist, canAct, csmOptions, durations, defaultAgenda }: Props) {
  const router = useRouter();
  const { items, open } = checklist;
  const sending = items.filter((i) => i.state === "sending");
  const [dialog, setDialog] = useState<Open>(null);
  const [said, setSaid] = useState("");
  const write = useChecklistAction(dealId);

  // A light poll while something is on its way; none otherwise.
  useEffect(() => {
    if (sending.length === 0) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [sending.length, router]);

  function close() {
    setDialog(null);
    write.clearError();
  }

  /** After a write the dialog's trigger may be gone (the item is sending): focus goes to the item's name. */
  function closeOnto(kind: string, message: string) {
    setSaid(message);
    close();
    setTimeout(() => document.querySelector<HTMLElement>(`[data-item="${kind}"] h3`)?.focus(), 0);
  }

  const shownItem = dialog ? (items.find((i) => i.kind === dialog.item.kind) ?? dialog.item) : null;

  return (
    <section
      id="closing-checklist"
      aria-labelledby="closing-checklist-heading"
      className="scroll-mt-24 rounded-card border border-emerald-200 bg-surface shadow-card"
    >
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-emerald-100 bg-emerald-50/60 px-5 py-4">
        <div className="min-w-0">
          <h2 id="closing-checklist-heading" className="text-[15px] font-semibold text-ink">
            Closing checklist
          </h2>
          <p className="mt-0.5 text-[13px] text-ink-muted" data-testid="closing-open-count">
            {open === 0 ? "Every item is done." : `${open} of ${items.length} ${items.length === 1 ? "item" : "items"} still open.`}
          </p>
        </div>
        {open > 0 ? <Badge tone="warning">Closing: {open} open</Badge> : <Badge tone="success">Complete</Badge>}
      </header>
      <div
        role="status"
        aria-live="polite"
        className={cx(sending.length ? "border-b border-line bg-accent-soft/60 px-5 py-2.5 text-[13px] text-accent-ink" : "sr-only")}
      >
        {sending.length ? `Sending: ${sending.map((i) => i.label).join(", ")}. This card updates when delivery is confirmed.` : said}
      </div>
      {!canAct ? (
        <p className="border-b border-line px-5 py-2.5 text-[13px] text-ink-muted">
          View only: the deal's owner or their manager works this checklist.
        </p>
      ) : null}
      <ol className="divide-y divide-line">
        {items.map((item) => (
          <ItemRow
            key={item.kind}
            item={item}
            checklist={checklist}
            dealId={dealId}
            canAct={canAct}
            onOpen={(kind) => setDialog({ kind, item })}
            onSaid={setSaid}
          />
        ))}
      </ol>
      {dialog && shownItem ? (
        dialog.kind === "mark_done" ? (
          <MarkDoneDialog
            item={shownItem}
            pending={write.pending}
            error={write.error}
            onClose={close}
            onDone={(note) =>
              write.act(shownItem.kind, { action: "mark_done", note }, () => closeOnto(shownItem.kind, `${shownItem.label}: marked done.`))
            }
          />
        ) : shownItem.kind === "slack_post" ? (
          <SlackDialog
            item={shownItem}
            pending={write.pending}
            error={write.error}
            onClose={close}
            onSend={(confirm) => write.act("slack_post", { action: "send", confirm }, () => closeOnto("slack_post", "The #wins post is on its way."))}
          />
        ) : shownItem.kind === "welcome_email" ? (
          <EmailDialog
            item={shownItem}
            pending={write.pending}
            error={write.error}
            onClose={close}
            onSend={(confirm) =>
              write.act("welcome_email", { action: "send", confirm }, () => closeOnto("welcome_email", "The welcome e-mail is on its way."))
            }
          />
        ) : (
          <HandoffDialog
            item={shownItem}
            pending={write.pending}
            error={write.error}
            onClose={close}
            csmOptions={csmOptions}
            durations={durations}
            defaultAgenda={defaultAgenda}
            onSend={(handoff, confirm) =>
              write.act("handoff_meeting", { action: "send", confirm, handoff }, () =>
                closeOnto("handoff_meeting", "The hand-off invitation is on its way."),
              )
            }
          />
        )
      ) : null}
    </section>
  );
}

type RowProps = {
  item: ChecklistItemResponse;
  checklist: ChecklistResponse;
  dealId: string;
  canAct: boolean;
  onOpen: (kind: "send" | "mark_done") => void;
  onSaid: (said: string) => void;
};

/** The item's state in words: what happened, or what it waits for. */
function stateWords(item: ChecklistItemResponse): string {
  switch (item.state) {
    case "done":
      if (item.doneAt) return item.doneBy ? `Done by ${item.doneBy.name}` : "Done";
      return "Delivered";
    case "pending":
      return item.sent ? "Not delivered yet." : "Not sent yet.";
    case "sending":
      return "On its way: waiting for the receiver to confirm.";
    case "failed":
      return "Sending failed.";
    case "not_configured":
      return `Not configured: ${missingVariables(item)} ${item.channel === "slack" ? "is" : "are"} not set, so Stageline cannot send it. Mark it done by hand once it is done another way.`;
  }
}

const sendLabel = (item: ChecklistItemResponse) => {
  if (item.kind === "handoff_meeting") return item.state === "done" ? "Send a new invitation" : "Plan the hand-off";
  return item.state === "done" ? "Send again" : "Preview and send";
};

function ItemRow({ item, checklist, dealId, canAct, onOpen, onSaid }: RowProps) {
  const id = useId();
  const state = STATE[item.state];
  const retry = useChecklistAction(dealId);
  const when = item.doneAt ?? item.deliveredAt;
  const meeting =
    item.kind === "handoff_meeting" ? (item.details as { csm?: { name: string; email: string }; startsAt?: string; durationMinutes?: number }) : null;
  const sent = item.kind === "welcome_email" || item.kind === "slack_post" || item.kind === "handoff_meeting";
  const retryError = generalMessage(retry.error, []);
  return (
    <li className="flex gap-3 px-5 py-4" data-item={item.kind}>
      <span className="mt-0.5 shrink-0" aria-hidden="true">
        {ICON[item.state]}
      </span>
      <div className="min-w-0 flex-1 space-y-1.5">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <h3 id={`${id}-label`} tabIndex={-1} className="text-sm font-medium text-ink focus:outline-none">
            {item.label}
          </h3>
          <Badge tone={state.tone}>{state.label}</Badge>
        </div>
        <p className="text-[13px] text-ink-muted">
          {stateWords(item)}
          {item.state === "done" && when ? (
            <>
              {" "}
              on <time dateTime={when}>{exactTime(when)}</time>
            </>
          ) : null}
          {item.state === "done" && item.deliveredAt && item.doneAt === null ? "." : null}
        </p>
        {item.note ? (
          <p className="text-[13px] text-ink">
            <span className="text-ink-muted">Note: </span>
            {item.note}
          </p>
        ) : null}
        {item.state === "failed" && item.lastError ? (
          <p className="rounded-md bg-red-50 px-2.5 py-1.5 text-[13px] break-words text-red-800">
            <span className="font-medium">Last error:</span> {item.lastError}
          </p>
        ) : null}
        {meeting?.startsAt && meeting.csm ? (
          <p className="text-[13px] text-ink">
            <span className="text-ink-muted">Meeting: </span>
            <time dateTime={meeting.startsAt}>{exactTime(meeting.startsAt)}</time>, {meeting.durationMinutes ?? 30} minutes with {meeting.csm.name} (
            {meeting.csm.email})
          </p>
        ) : null}
        {item.kind === "welcome_email" && item.details.to ? (
          <p className="text-[13px] text-ink-muted">Last sent to {(item.details.to as string[]).join(", ")}</p>
        ) : null}
        {item.kind === "why_won" ? <WhyWonEditor dealId={dealId} whyWon={checklist.whyWon} canEdit={canAct} onSaid={onSaid} /> : null}
        {item.blocker ? (
          <div className="rounded-lg border border-amber-200 bg-amber-50/60 px-3 py-2.5">
            <p className="text-[13px] text-amber-900">{item.blocker}</p>
            {canAct ? <CustomerContactForm dealId={dealId} onSaid={onSaid} /> : null}
          </div>
        ) : null}
        {canAct && sent && item.state !== "sending" ? (
          <div className="flex flex-wrap gap-2 pt-1">
            {item.state === "failed" ? (
              <Button
                size="sm"
                onClick={() => retry.act(item.kind, { action: "retry" }, () => onSaid(`${item.label}: sending again.`))}
                disabled={retry.pending}
                aria-describedby={retryError ? `${id}-retry-error` : undefined}
              >
                <RotateIcon className="size-4" />
                {retry.pending ? "Retrying…" : "Retry"}
              </Button>
            ) : null}
            {!item.blocker ? (
              <Button size="sm" variant={item.state === "pending" ? "primary" : "secondary"} onClick={() => onOpen("send")}>
                {sendLabel(item)}
              </Button>
            ) : null}
            {item.state !== "done" ? (
              <Button size="sm" variant={item.state === "not_configured" ? "primary" : "ghost"} onClick={() => onOpen("mark_done")}>
                Mark done
              </Button>
            ) : null}
          </div>
        ) : null}
        {retryError ? (
          <p id={`${id}-retry-error`} role="alert" className="text-[13px] text-red-700">
            {retryError}
          </p>
        ) : null}
      </div>
    </li>
  );
}
