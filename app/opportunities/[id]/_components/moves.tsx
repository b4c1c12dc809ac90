"use client";

// Opening the move dialogs from anywhere on the page: the stage path, the checklist's "Move to"
// button, and the close actions all ask this provider, which renders the one dialog open.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { LossCategory } from "@/src/domain/closing/loss-categories";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import type { StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import type { FixerDeal } from "../../_kit/fixers/fixer-types";
import dynamic from "next/dynamic";

// The dialogs open only when asked for: their code (forms, the loss form, the fixers inside) loads
// then, not with the page, which keeps the deal page's first load under its budget (docs/performance.md).
const MoveDialog = dynamic(() => import("./move-dialog").then((m) => m.MoveDialog));
const WonDialog = dynamic(() => import("./close-dialogs").then((m) => m.WonDialog));
const LostDialog = dynamic(() => import("./close-dialogs").then((m) => m.LostDialog));
const DisqualifyDialog = dynamic(() => import("./disqualify-dialog").then((m) => m.DisqualifyDialog));
const ReopenDialog = dynamic(() => import("./reopen-dialog").then((m) => m.ReopenDialog));

type MoveIntent = { kind: "move"; to: string } | { kind: "won" } | { kind: "lost" } | { kind: "disqualify" } | { kind: "reopen"; to?: string };

export type MoveFacts = {
  /** The loss categories from the settings, retired ones too: the Closed Lost dialog offers the active ones. */
  lossCategories: LossCategory[];
  stages: StageView[];
  currentKey: string;
  status: "open" | "won" | "lost" | "disqualified";
  outlook: Record<string, Unmet[]>;
  contractName: string | null;
  /** What the fixers of unmet criteria need of the deal. */
  deal: FixerDeal;
};

const MovesContext = createContext<((intent: MoveIntent) => void) | null>(null);

export function useMoves() {
  const open = useContext(MovesContext);
  if (!open) throw new Error("useMoves outside MovesProvider");
  return open;
}

export function MovesProvider({ facts, children }: { facts: MoveFacts; children: ReactNode }) {
  const [intent, setIntent] = useState<MoveIntent | null>(null);
  const open = useCallback((next: MoveIntent) => setIntent(next), []);
  const close = useCallback(() => setIntent(null), []);
  const wonStage = facts.stages.find((s) => s.kind === "won");
  const dialog = useMemo(() => {
    if (!intent) return null;
    switch (intent.kind) {
      case "move": {
        const to = facts.stages.find((s) => s.key === intent.to);
        return to ? <MoveDialog facts={facts} to={to} onClose={close} /> : null;
      }
      case "won":
        return wonStage ? <WonDialog facts={facts} to={wonStage} onClose={close} /> : null;
      case "lost":
        return <LostDialog facts={facts} onClose={close} />;
      case "disqualify":
        return <DisqualifyDialog onClose={close} />;
      case "reopen":
        return <ReopenDialog facts={facts} initial={intent.to} onClose={close} />;
    }
  }, [intent, facts, close, wonStage]);

  return (
    <MovesContext.Provider value={open}>
      {children}
      {dialog}
    </MovesContext.Provider>
  );
}
