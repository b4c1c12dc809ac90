"use client";

// A lost deal comes back into the second stage or later, with a reason, as a move of this deal.
import { canReopenInto } from "@/src/domain/moves/closed-lost";
import { ReopenForm } from "../../_kit/reopen-form";
import { useMoveSubmit } from "./move-submit";
import type { MoveFacts } from "./moves";

export function ReopenDialog({ facts, initial, onClose }: { facts: MoveFacts; initial?: string; onClose: () => void }) {
  const choices = facts.stages.filter(canReopenInto);
  const { submit, pending, error } = useMoveSubmit(onClose);
  return (
    <ReopenForm
      idPrefix="reopen"
      description={`A lost deal comes back into ${choices[0]?.name ?? "the second stage"} or a later stage, with a reason.`}
      stages={choices}
      initial={initial}
      reasonField="reason"
      error={error}
      pending={pending}
      onClose={onClose}
      onReopen={(request, name) => void submit(request, `Re-opened in ${name}.`)}
    />
  );
}
