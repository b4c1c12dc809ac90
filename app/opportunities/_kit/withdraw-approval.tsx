"use client";

// Withdrawing a pending approval request, after a confirmation: on the deal page's approval card and
// on the desk's request page. The page renders it with `may` as the server answers it
// (youMayWithdraw: the submitter, or whoever may submit for the deal); without it, it shows nothing
// unless it has something to say about the viewer's last try, which it keeps when the page
// re-renders after the answer.
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { requestNowInWords } from "@/app/deal-desk/(queue)/_components/approval-words";
import type { ApprovalRequestResponse } from "@/src/schemas/approval-requests";
import { reachAction } from "@/src/http/reach-action";
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { withdrawApproval } from "../_actions/approval-actions";
import { FixerMessage } from "./fixers/fixer-message";

type Props = {
  requestId: string;
  may: boolean;
  /** Shown as a card of its own with this title (the desk's page); inside the caller's card without. */
  card?: { title: string; description: string };
};

export function WithdrawApproval({ requestId, may, card }: Props) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ error: string | null; success: string | null } | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Focus follows the step: to the confirmation when it opens, back to the control when it closes.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) startRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (!may && !message) return null;

  function withdraw() {
    setMessage(null);
    startTransition(async () => {
      const result = await reachAction(withdrawApproval({ id: requestId }));
      if (result.ok) {
        setConfirming(false);
        setMessage({ error: null, success: "Withdrawn. The deal desk no longer has it; submit the deal again when it is ready." });
        return;
      }
      const request = (result.error.details as { request?: ApprovalRequestResponse } | undefined)?.request;
      setMessage({ error: `${result.error.message}${request ? ` ${requestNowInWords(request)}` : ""}`, success: null });
      if (result.error.code === "CONFLICT") setConfirming(false);
    });
  }

  const messageId = `${id}-msg`;
  const control = (
    <div className="space-y-2">
      {may && !confirming ? (
        <Button ref={startRef} variant="secondary" size="sm" onClick={() => setConfirming(true)} aria-describedby={message ? messageId : undefined}>
          Withdraw request
        </Button>
      ) : null}
      {may && confirming ? (
        <fieldset className="space-y-2 rounded-lg border border-red-200 bg-red-50/60 px-3 py-2.5">
          <legend className="float-left w-full text-sm font-medium text-ink">Withdraw this request?</legend>
          <p className="clear-left text-[13px] text-ink-muted">
            The deal desk stops working on it, and the deal needs approval again before it leaves Negotiate. Approvals already given carry over to the
            next request when the terms they read have not changed.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              ref={confirmRef}
              variant="danger"
              size="sm"
              disabled={pending}
              onClick={withdraw}
              aria-describedby={message ? messageId : undefined}
            >
              {pending ? "Withdrawing…" : "Yes, withdraw it"}
            </Button>
            <Button variant="ghost" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </div>
        </fieldset>
      ) : null}
      {message ? <FixerMessage id={messageId} error={message.error} success={message.success} /> : null}
    </div>
  );
  return card ? (
    <Card title={card.title} description={card.description}>
      {control}
    </Card>
  ) : (
    control
  );
}
