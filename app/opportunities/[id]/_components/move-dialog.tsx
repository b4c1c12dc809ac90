"use client";

// Moving a deal to another open stage. Forward, the move rules decide: when they refuse, the
// unmet criteria of every stage in the way are listed (the API's details), a manager may override
// with a justification. Backward, a reason is asked.
import { useState, type FormEvent } from "react";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import { isMoveBack } from "@/src/domain/moves/plan-move";
import type { ActionError } from "@/src/http/action-result";
import type { StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { Field } from "@/src/ui/field";
import { CheckIcon } from "@/src/ui/icons";
import { Textarea } from "@/src/ui/textarea";
import { generalMessage, problemFor } from "../../_lib/problems";
import { useDeal } from "./deal-context";
import type { MoveFacts } from "./moves";
import { OverrideField, unmetOf, useMoveSubmit } from "./move-submit";
import { UnmetList } from "./unmet-list";

type Props = { facts: MoveFacts; to: StageView; onClose: () => void };

export function MoveDialog({ facts, to, onClose }: Props) {
  const { canOverride } = useDeal();
  const from = facts.stages.find((s) => s.key === facts.currentKey)!;
  const isBack = isMoveBack(from, to);
  const [reason, setReason] = useState("");
  const [justification, setJustification] = useState("");
  const [overriding, setOverriding] = useState(false);
  const { submit, pending, error, refused, setRefused } = useMoveSubmit(onClose);

  const unmet = refused ?? facts.outlook[to.key] ?? [];
  const showOverride = canOverride && !isBack && unmet.length > 0;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void submit({
      toStage: to.key,
      ...(isBack ? { reason } : {}),
      ...(overriding ? { override: { justification } } : {}),
    }, `Moved to ${to.name}.`);
  }

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      size={isBack ? "md" : "lg"}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="move-form" disabled={pending}>
            {pending ? "Moving…" : overriding ? `Override and move to ${to.name}` : `Move to ${to.name}`}
          </Button>
        </>
      }
      title={`Move to ${to.name}`}
      description={
        isBack
          ? `Back from ${from.name}. Moving a deal back is allowed with a reason; it stays in the history.`
          : `From ${from.name}. Every exit criterion of ${from.name}${to.order - from.order > 1 ? " and of each stage skipped" : ""} must be met.`
      }
    >
      <form id="move-form" onSubmit={onSubmit} noValidate>
        {isBack ? (
          <Field id="move-reason" label="Why is the deal moving back?" error={problemFor(error, "reason")}>
            <Textarea
              id="move-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              invalid={!!problemFor(error, "reason")}
              aria-describedby={problemFor(error, "reason") ? "move-reason-help" : undefined}
              placeholder="e.g. The buyer reopened the evaluation with a new stakeholder"
            />
          </Field>
        ) : (
          <Outlook unmet={unmet} refused={!!refused} facts={facts} onFixed={(u) => setRefused(unmet.filter((x) => x !== u))} onClose={onClose} />
        )}
        {showOverride ? (
          <OverrideField overriding={overriding} setOverriding={setOverriding} value={justification} onChange={setJustification} error={error} />
        ) : null}
        <ErrorLine error={error} claimed={["reason", "override.justification"]} />
      </form>
    </Dialog>
  );
}

type OutlookProps = { unmet: Unmet[]; refused: boolean; facts: MoveFacts; onFixed: (u: Unmet) => void; onClose: () => void };

export function Outlook({ unmet, refused, facts, onFixed, onClose }: OutlookProps) {
  if (unmet.length === 0)
    return (
      <p className="flex items-center gap-2 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-900">
        <CheckIcon className="size-4 shrink-0 text-emerald-700" />
        Every exit criterion on the way is met.
      </p>
    );
  return (
    <div className="space-y-3">
      <p role={refused ? "alert" : undefined} className={refused ? "text-sm font-medium text-red-700" : "text-sm text-ink-muted"}>
        {refused
          ? `The move was refused: ${unmetOf(unmet.length)} not met yet.`
          : `${unmetOf(unmet.length)} not met yet. The move will be refused until they are.`}
      </p>
      <UnmetList unmet={unmet} stages={facts.stages} currentKey={facts.currentKey} onFixed={onFixed} onNavigate={onClose} />
    </div>
  );
}

export function ErrorLine({ error, claimed }: { error: ActionError | null; claimed: string[] }) {
  const message = error && error.code !== "EXIT_CRITERIA_UNMET" ? generalMessage(error, claimed) : undefined;
  return message ? (
    <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  ) : null;
}
