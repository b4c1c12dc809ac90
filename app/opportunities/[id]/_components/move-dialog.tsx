"use client";

// Moving a deal to another open stage. Forward, the move rules decide: the unmet criteria of every
// stage in the way are listed (what the rules say now, or the refusal's list), each fixable right
// here, and a manager may override with a justification. Backward, a reason is asked.
import { useState, type FormEvent } from "react";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import { isMoveBack } from "@/src/domain/moves/plan-move";
import type { StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { Field } from "@/src/ui/field";
import { CheckIcon } from "@/src/ui/icons";
import { Textarea } from "@/src/ui/textarea";
import { FormError } from "../../_kit/form-error";
import { OverrideField } from "../../_kit/override-field";
import { UnmetFixList, useMetCriteria } from "../../_kit/unmet-fix-list";
import { problemFor } from "../../_lib/problems";
import { useDeal } from "./deal-context";
import type { MoveFacts } from "./moves";
import { unmetOf, useMoveSubmit } from "./move-submit";

type Props = { facts: MoveFacts; to: StageView; onClose: () => void };

export function MoveDialog({ facts, to, onClose }: Props) {
  const { canOverride } = useDeal();
  const from = facts.stages.find((s) => s.key === facts.currentKey)!;
  const isBack = isMoveBack(from, to);
  const [reason, setReason] = useState("");
  const [justification, setJustification] = useState("");
  const [overriding, setOverriding] = useState(false);
  const { submit, pending, error, refused } = useMoveSubmit(onClose);
  // What the rules say as the dialog opens; fixes made in it are marked, not dropped from the list.
  const [outlook] = useState(() => facts.outlook[to.key] ?? []);

  const unmet = refused ?? outlook;
  const showOverride = canOverride && !isBack && unmet.length > 0;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void submit(
      {
        toStage: to.key,
        ...(isBack ? { reason } : {}),
        ...(overriding ? { override: { justification } } : {}),
      },
      `Moved to ${to.name}.`,
    );
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
      {/* The form holds the reason; the fixers of the unmet criteria are forms of their own, beside it. */}
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
        ) : null}
      </form>
      {isBack ? null : (
        <Outlook key={unmet.map((u) => `${u.stage}.${u.key}`).join()} unmet={unmet} refused={!!refused} facts={facts} onLeave={onClose} />
      )}
      {showOverride ? (
        <OverrideField
          overriding={overriding}
          onOverriding={setOverriding}
          justification={justification}
          onJustification={setJustification}
          error={error}
        />
      ) : null}
      <FormError error={error} claimed={["reason", "override.justification"]} />
    </Dialog>
  );
}

type OutlookProps = { unmet: Unmet[]; refused: boolean; facts: MoveFacts; onLeave: () => void };

export function Outlook({ unmet, refused, facts, onLeave }: OutlookProps) {
  const { announce } = useDeal();
  const { met, mark } = useMetCriteria(unmet);
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
          ? `The move was refused: ${unmetOf(unmet.length)} not met yet. Meet them here, then move again.`
          : `${unmetOf(unmet.length)} not met yet. The move will be refused until they are; meet them here.`}
      </p>
      <UnmetFixList
        unmet={unmet}
        stages={facts.stages}
        deal={facts.deal}
        met={met}
        onFixed={(u, isMet, said) => {
          mark(u, isMet);
          announce(said);
        }}
        onLeave={onLeave}
      />
    </div>
  );
}
