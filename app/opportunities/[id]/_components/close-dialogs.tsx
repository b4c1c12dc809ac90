"use client";

// Closing a deal: Closed Won asks why we won and every criterion up to it; Closed Lost asks why,
// to whom and what was missing. Each shows the server's answer next to the field.
import { useState } from "react";
import type { ActionError } from "@/src/http/action-result";
import type { StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { Field, Input } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { Textarea } from "@/src/ui/textarea";
import { LOST_CATEGORIES } from "../../_lib/labels";
import { problemFor } from "../../_lib/problems";
import { useDeal } from "./deal-context";
import { Area, FormDialog } from "./form-dialog";
import { ErrorLine, Outlook } from "./move-dialog";
import { OverrideField, useMoveSubmit } from "./move-submit";
import type { MoveFacts } from "./moves";

export function WonDialog({ facts, to, onClose }: { facts: MoveFacts; to: StageView; onClose: () => void }) {
  const { canOverride } = useDeal();
  const [whyWon, setWhyWon] = useState("");
  const [overriding, setOverriding] = useState(false);
  const [justification, setJustification] = useState("");
  const { submit, pending, error, refused, setRefused } = useMoveSubmit(onClose);
  const unmet = refused ?? facts.outlook[to.key] ?? [];
  return (
    <FormDialog
      title="Mark as Closed Won"
      description={`Every exit criterion up to ${to.name} must be met, with the signed contract attached${facts.contractName ? ` as ${facts.contractName}.pdf` : ""}.`}
      submit={overriding ? "Override and close as won" : "Close as won"}
      pending={pending}
      onClose={onClose}
      size="lg"
      onSubmit={() => void submit({ toStage: to.key, won: { whyWon }, ...(overriding ? { override: { justification } } : {}) }, "Closed won.")}
    >
      <Area id="why-won" label="Why did we win?" field="won.whyWon" error={error} value={whyWon} onChange={setWhyWon} placeholder="What made the buyer choose us: the champion, the product, the price, the timing" />
      <Outlook unmet={unmet} refused={!!refused} facts={facts} onFixed={(u) => setRefused(unmet.filter((x) => x !== u))} onClose={onClose} />
      {canOverride && unmet.length ? <OverrideField overriding={overriding} setOverriding={setOverriding} value={justification} onChange={setJustification} error={error} /> : null}
      <ErrorLine error={error} claimed={["won.whyWon", "override.justification"]} />
    </FormDialog>
  );
}

export function LostDialog({ facts, onClose }: { facts: MoveFacts; onClose: () => void }) {
  const lostStage = facts.stages.find((s) => s.kind === "lost")!;
  const [lost, setLost] = useState({ reasonCategory: "", explanation: "", competitor: "", missingFunctionality: "" });
  const { submit, pending, error } = useMoveSubmit(onClose);
  const set = (k: keyof typeof lost) => (v: string) => setLost((l) => ({ ...l, [k]: v }));
  const categoryProblem = problemFor(error, "lost.reasonCategory");
  return (
    <FormDialog
      title="Mark as Closed Lost"
      description="Closed Lost needs why we lost, who we lost to and what was missing. Write none where there is none."
      submit="Close as lost"
      tone="danger"
      pending={pending}
      onClose={onClose}
      onSubmit={() => void submit({ toStage: lostStage.key, lost }, "Closed lost.")}
    >
      <Field id="lost-category" label="Why we lost" error={categoryProblem}>
        <Select id="lost-category" value={lost.reasonCategory} onChange={(e) => set("reasonCategory")(e.target.value)} invalid={!!categoryProblem} aria-describedby={categoryProblem ? "lost-category-help" : undefined}>
          <option value="">Choose a reason…</option>
          {Object.entries(LOST_CATEGORIES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Area id="lost-explanation" label="Explanation" field="lost.explanation" error={error} value={lost.explanation} onChange={set("explanation")} placeholder="What happened, in the buyer's words if you have them" />
      <NoneableText id="lost-competitor" label="Lost to competitor" field="lost.competitor" error={error} value={lost.competitor} onChange={set("competitor")} noneLabel="No competitor" />
      <NoneableText id="lost-missing" label="Missing functionality" field="lost.missingFunctionality" error={error} value={lost.missingFunctionality} onChange={set("missingFunctionality")} noneLabel="Nothing was missing" multiline />
      <ErrorLine error={error} claimed={["lost.reasonCategory", "lost.explanation", "lost.competitor", "lost.missingFunctionality"]} />
    </FormDialog>
  );
}

type NoneableProps = { id: string; label: string; field: string; error: ActionError | null; value: string; onChange: (v: string) => void; noneLabel: string; multiline?: boolean };

/** A text that may honestly be "none": the checkbox writes it, so nobody leaves it blank by accident. */
function NoneableText({ id, label, field, error, value, onChange, noneLabel, multiline }: NoneableProps) {
  const isNone = value === "None";
  const problem = problemFor(error, field);
  const common = { id, value: isNone ? "" : value, disabled: isNone, invalid: !!problem, "aria-describedby": problem ? `${id}-help` : undefined };
  return (
    <Field id={id} label={label} error={problem}>
      {multiline ? <Textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} /> : <Input {...common} onChange={(e) => onChange(e.target.value)} />}
      <label className="flex items-center gap-2 pt-1 text-[13px] text-ink-muted">
        <input type="checkbox" checked={isNone} onChange={(e) => onChange(e.target.checked ? "None" : "")} className="size-4 accent-[var(--color-accent)]" />
        {noneLabel}
      </label>
    </Field>
  );
}
