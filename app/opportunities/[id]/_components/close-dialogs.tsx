"use client";

// Closing a deal: Closed Won asks why we won and every criterion up to it; Closed Lost asks why,
// to whom and what was missing (the one Closed Lost dialog, shared with the board).
import { useState } from "react";
import type { StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { FormError } from "../../_kit/form-error";
import { LostDialog as CloseLostDialog } from "../../_kit/lost-dialog";
import { OverrideField } from "../../_kit/override-field";
import { useDeal } from "./deal-context";
import { Area, FormDialog } from "./form-dialog";
import { Outlook } from "./move-dialog";
import { useMoveSubmit } from "./move-submit";
import type { MoveFacts } from "./moves";

export function WonDialog({ facts, to, onClose }: { facts: MoveFacts; to: StageView; onClose: () => void }) {
  const { canOverride } = useDeal();
  const [whyWon, setWhyWon] = useState("");
  const [overriding, setOverriding] = useState(false);
  const [justification, setJustification] = useState("");
  const { submit, pending, error, refused } = useMoveSubmit(onClose);
  const [outlook] = useState(() => facts.outlook[to.key] ?? []);
  const unmet = refused ?? outlook;
  return (
    <FormDialog
      title="Mark as Closed Won"
      description={`Every exit criterion up to ${to.name} must be met, with the signed contract attached${facts.contractName ? ` as ${facts.contractName}.pdf` : ""}.`}
      submit={overriding ? "Override and close as won" : "Close as won"}
      pending={pending}
      onClose={onClose}
      size="lg"
      onSubmit={() => void submit({ toStage: to.key, won: { whyWon }, ...(overriding ? { override: { justification } } : {}) }, "Closed won.")}
      after={
        <div className="mt-4">
          <Outlook key={unmet.map((u) => `${u.stage}.${u.key}`).join()} unmet={unmet} refused={!!refused} facts={facts} onLeave={onClose} />
          {canOverride && unmet.length ? (
            <OverrideField
              overriding={overriding}
              onOverriding={setOverriding}
              justification={justification}
              onJustification={setJustification}
              error={error}
            />
          ) : null}
          <FormError error={error} claimed={["won.whyWon", "override.justification"]} />
        </div>
      }
    >
      <Area
        id="why-won"
        label="Why did we win?"
        field="won.whyWon"
        error={error}
        value={whyWon}
        onChange={setWhyWon}
        placeholder="What made the buyer choose us: the champion, the product, the price, the timing"
      />
    </FormDialog>
  );
}

export function LostDialog({ facts, onClose }: { facts: MoveFacts; onClose: () => void }) {
  const lostStage = facts.stages.find((s) => s.kind === "lost")!;
  const { submit, pending, error } = useMoveSubmit(onClose);
  return (
    <CloseLostDialog
      categories={facts.lossCategories}
      title="Mark as Closed Lost"
      description="Closed Lost needs why we lost, who we lost to and what was missing."
      pending={pending}
      error={error}
      onSubmit={(lost) => void submit({ toStage: lostStage.key, lost }, "Closed lost.")}
      onClose={onClose}
    />
  );
}
