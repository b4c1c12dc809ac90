"use client";

import { useState, type FormEvent } from "react";
import type { LossCategory } from "@/src/domain/closing/loss-categories";
import type { BoardStage } from "@/src/server/board/get-board";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { Textarea } from "@/src/ui/textarea";
import { LostDialog } from "../opportunities/_kit/lost-dialog";
import { dealName, dealTitle } from "./deal-card";
import type { DetailsRequest, MoveInput } from "./move-types";

type Props = {
  request: DetailsRequest;
  stages: BoardStage[];
  /** The loss categories from the settings: the Closed Lost dialog offers the active ones. */
  lossCategories: readonly LossCategory[];
  onSubmit: (input: MoveInput) => void;
  onCancel: () => void;
};

const COPY = {
  won: { title: "Close as won", action: "Close as won", label: "Why did we win?", hint: "What tipped the decision: it feeds the win analysis." },
  back: { title: "Move back", action: "Move back", label: "Why is it moving back?", hint: "Recorded in the deal's history." },
} as const;

/** The words a move needs before it is sent: Closed Won and Lost ask for their fields, a move back for a reason. */
export function MoveDetailsDialog({ request, stages, lossCategories, onSubmit, onCancel }: Props) {
  const { card, toStage, kind } = request;
  if (kind === "lost")
    return (
      <LostDialog
        categories={lossCategories}
        title={`Close ${dealName(card)} as lost`}
        description={`${dealTitle(card)}: every answer feeds the loss analysis.`}
        onSubmit={(lost) => onSubmit({ toStage, lost })}
        onClose={onCancel}
      />
    );
  return <TextDialog request={{ card, toStage, kind }} stages={stages} onSubmit={onSubmit} onCancel={onCancel} />;
}

function TextDialog({
  request,
  stages,
  onSubmit,
  onCancel,
}: Omit<Props, "request" | "lossCategories"> & { request: DetailsRequest & { kind: "won" | "back" } }) {
  const [text, setText] = useState("");
  const { card, toStage, kind } = request;
  const stageName = stages.find((s) => s.key === toStage)?.name ?? toStage;
  const formId = `move-details-${card.id}`;

  function submitText(e: FormEvent) {
    e.preventDefault();
    if (kind === "won") onSubmit({ toStage, won: { whyWon: text.trim() } });
    if (kind === "back") onSubmit({ toStage, reason: text.trim() });
  }

  const title = kind === "won" ? `Close ${dealName(card)} as won` : `Move ${dealName(card)} back to ${stageName}`;
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onCancel())}
      title={title}
      description={dealTitle(card)}
      footer={
        <>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" form={formId}>
            {COPY[kind].action}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submitText} className="space-y-1.5">
        <label htmlFor={`${formId}-text`} className="block text-sm font-medium text-ink">
          {COPY[kind].label}
        </label>
        <Textarea
          id={`${formId}-text`}
          required
          rows={4}
          maxLength={kind === "won" ? 5000 : 1000}
          aria-describedby={`${formId}-hint`}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <p id={`${formId}-hint`} className="text-[13px] text-ink-muted">
          {COPY[kind].hint}
        </p>
      </form>
    </Dialog>
  );
}
