"use client";

import { useState } from "react";
import type { BoardCard } from "@/src/server/board/board-card";
import type { BoardStage } from "@/src/server/board/get-board";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { pluralize } from "@/src/ui/format";
import { DealWriterContext, useDealWriter } from "../opportunities/_kit/deal-writer";
import { fixerDealOfCard } from "../opportunities/_kit/fixers/fixer-types";
import { OverrideField } from "../opportunities/_kit/override-field";
import { UnmetFixList, useMetCriteria } from "../opportunities/_kit/unmet-fix-list";
import { dealName } from "./deal-card";
import type { Refusal } from "./move-types";

type Props = {
  refusal: Refusal;
  stages: BoardStage[];
  canOverride: boolean;
  busy: boolean;
  onCard: (card: BoardCard) => void;
  onRetry: (override?: string) => void;
  onClose: () => void;
};

/**
 * A refused move, as a dialog: each unmet exit criterion with what it takes to meet it, right here
 * (the deal page's fixers), then Retry. Keyed by refusal, so a new refusal starts with nothing
 * marked met. Fixes write one after another at the card's version, and each new card goes back to
 * the board.
 */
export function RefusedPanel({ refusal, stages, canOverride, busy, onCard, onRetry, onClose }: Props) {
  const { card, unmet, request } = refusal;
  const { met, mark, left } = useMetCriteria(unmet);
  const [overriding, setOverriding] = useState(false);
  const [justification, setJustification] = useState("");
  const writer = useDealWriter({
    id: card.id,
    version: card.version,
    onCard,
    conflictHint: "Someone else changed this deal meanwhile. It is up to date now: try again.",
  });
  const target = stages.find((s) => s.key === request.toStage)?.name ?? request.toStage;

  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`${dealName(card)} can't move to ${target} yet`}
      description={
        <>
          {card.accountName} · {pluralize(unmet.length, "exit criterion", "exit criteria")} to meet first. Fix them here, then retry the move.
        </>
      }
      footer={
        <>
          <p className="mr-auto text-[13px] text-ink-muted" aria-live="polite">
            {left === 0 ? "All fixed: ready to retry." : `${left} left to meet`}
          </p>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          {overriding ? (
            <Button variant="danger" onClick={() => onRetry(justification.trim())} disabled={busy || !justification.trim()}>
              {busy ? "Moving…" : "Override and move"}
            </Button>
          ) : (
            <Button onClick={() => onRetry()} disabled={busy}>
              {busy ? "Moving…" : "Retry move"}
            </Button>
          )}
        </>
      }
    >
      <DealWriterContext value={writer}>
        <UnmetFixList unmet={unmet} stages={stages} deal={fixerDealOfCard(card)} met={met} onFixed={(u, isMet) => mark(u, isMet)} />
      </DealWriterContext>
      {canOverride ? (
        <OverrideField overriding={overriding} onOverriding={setOverriding} justification={justification} onJustification={setJustification} />
      ) : null}
    </Dialog>
  );
}
