"use client";

// The ways out of the open stages: Closed Won, Closed Lost (from the second stage on) or
// Disqualify (first stage only); and Re-open for a lost deal.
import { canCloseLost, canDisqualify } from "@/src/domain/moves/closed-lost";
import { Button } from "@/src/ui/button";
import { CheckIcon, RotateIcon } from "@/src/ui/icons";
import { useDeal } from "./deal-context";
import { useMoves, type MoveFacts } from "./moves";

export function CloseActions({ facts }: { facts: MoveFacts }) {
  const { canMove } = useDeal();
  const open = useMoves();
  if (!canMove) return null;
  if (facts.status === "lost")
    return (
      <Button variant="secondary" size="sm" onClick={() => open({ kind: "reopen" })}>
        <RotateIcon className="size-4" />
        Re-open
      </Button>
    );
  if (facts.status !== "open") return null;
  const current = facts.stages.find((s) => s.key === facts.currentKey)!;
  return (
    <div className="flex flex-wrap gap-2">
      {canDisqualify(current) ? (
        <Button variant="danger" size="sm" onClick={() => open({ kind: "disqualify" })}>
          Disqualify
        </Button>
      ) : null}
      {canCloseLost(current) ? (
        <Button variant="danger" size="sm" onClick={() => open({ kind: "lost" })}>
          Closed Lost
        </Button>
      ) : null}
      <Button variant="secondary" size="sm" onClick={() => open({ kind: "won" })}>
        <CheckIcon className="size-4 text-emerald-600" />
        Closed Won
      </Button>
    </div>
  );
}
