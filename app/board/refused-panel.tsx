"use client";

import { useState } from "react";
import { attestationKey } from "@/src/domain/criteria/deal-facts";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import type { BoardCard } from "@/src/server/board/board-card";
import type { BoardStage } from "@/src/server/board/get-board";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { pluralize } from "@/src/ui/format";
import { dealName } from "./deal-card";
import { CriterionFixer } from "./fixers/criterion-fixer";
import { FixQueueContext, useFixQueueFor } from "./fixers/fix-queue";
import type { Refusal } from "./move-types";
import { OverrideForm } from "./override-form";

type Props = {
  refusal: Refusal;
  stages: BoardStage[];
  canOverride: boolean;
  busy: boolean;
  onCard: (card: BoardCard) => void;
  onRetry: (override?: string) => void;
  onClose: () => void;
};

/** The unmet criteria, grouped by stage in process order. */
function byStage(unmet: Unmet[], stages: BoardStage[]) {
  return stages
    .map((stage) => ({ stage, items: unmet.filter((u) => u.stage === stage.key) }))
    .filter((g) => g.items.length > 0);
}

/**
 * A refused move, as a dialog: each unmet exit criterion with what it takes to meet it, right here
 * (tick, fill in, add the contact, upload the file), then Retry. Keyed by refusal, so a new
 * refusal starts with nothing marked met.
 */
export function RefusedPanel({ refusal, stages, canOverride, busy, onCard, onRetry, onClose }: Props) {
  const [met, setMet] = useState<ReadonlySet<string>>(new Set());
  const { card, unmet, request } = refusal;
  const queue = useFixQueueFor(card);
  const target = stages.find((s) => s.key === request.toStage)?.name ?? request.toStage;
  const left = unmet.filter((u) => !met.has(attestationKey(u.stage, u.key))).length;
  const criterion = (u: Unmet) => stages.find((s) => s.key === u.stage)?.criteria.find((c) => c.key === u.key) ?? null;
  const mark = (u: Unmet) => (isMet: boolean) =>
    setMet((prev) => {
      const next = new Set(prev);
      if (isMet) next.add(attestationKey(u.stage, u.key));
      else next.delete(attestationKey(u.stage, u.key));
      return next;
    });

  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`${dealName(card)} can't move to ${target} yet`}
      description={
        <>
          {card.accountName} · {pluralize(unmet.length, "exit criterion", "exit criteria")} to meet first. Fix them here, then retry the
          move.
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
          <Button onClick={() => onRetry()} disabled={busy}>
            {busy ? "Moving…" : "Retry move"}
          </Button>
        </>
      }
    >
      <FixQueueContext value={queue}>
        <div className="space-y-6">
          {byStage(unmet, stages).map(({ stage, items }) => (
            <section key={stage.key} aria-labelledby={`refused-${stage.key}`}>
              <h3 id={`refused-${stage.key}`} className="text-[13px] font-semibold text-ink">
                Exit criteria of {stage.name}
                <span className="ml-2 font-normal text-ink-muted">{pluralize(items.length, "unmet", "unmet")}</span>
              </h3>
              <ul className="mt-2 divide-y divide-line overflow-hidden rounded-lg border border-line">
                {items.map((u) => (
                  <li key={u.key} className="px-4 py-3.5">
                    <CriterionFixer
                      card={card}
                      unmet={u}
                      criterion={criterion(u)}
                      done={met.has(attestationKey(u.stage, u.key))}
                      onCard={onCard}
                      onFixed={mark(u)}
                    />
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {canOverride ? <OverrideForm busy={busy} onOverride={(justification) => onRetry(justification)} /> : null}
        </div>
      </FixQueueContext>
    </Dialog>
  );
}
