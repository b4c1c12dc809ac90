"use client";

// "What's next": every open deal carries a next step with a due date. Overdue is flagged, and a
// stalled deal says why.
import { useId, useState, type FormEvent } from "react";
import type { ActionError } from "@/src/http/action-result";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import { Badge } from "@/src/ui/badge";
import { Button } from "@/src/ui/button";
import { cx } from "@/src/ui/cx";
import { Field, Input } from "@/src/ui/field";
import { AlertIcon, CalendarIcon, PencilIcon } from "@/src/ui/icons";
import { daysFromToday, formatDate } from "../../_lib/format";
import { generalMessage, problemFor } from "../../_lib/problems";
import { updateDeal } from "../../_actions/deal-actions";
import { useDeal } from "./deal-context";
import { useInPlaceEdit } from "./use-in-place-edit";

type Props = { deal: OpportunityResponse; stallLimit: number | null; daysInStage: number; now: string };

function dueBadge(due: string | null, now: Date) {
  if (!due) return <Badge tone="warning">No due date</Badge>;
  const days = daysFromToday(due, now);
  if (days < 0)
    return (
      <Badge tone="danger">
        Overdue by {-days} {days === -1 ? "day" : "days"} · {formatDate(due, { withYear: false })}
      </Badge>
    );
  if (days === 0) return <Badge tone="warning">Due today</Badge>;
  return (
    <Badge>
      Due {formatDate(due, { withYear: false })} · in {days} {days === 1 ? "day" : "days"}
    </Badge>
  );
}

export function NextStep({ deal, stallLimit, daysInStage, now }: Props) {
  const { canEdit, run, announce } = useDeal();
  const id = useId();
  const editor = useInPlaceEdit();
  const { editing, editButton } = editor;
  const [draft, setDraft] = useState({ nextStep: deal.nextStep, nextStepDue: deal.nextStepDue ?? "" });
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, setPending] = useState(false);
  const overdue = deal.stallReasons.includes("next_step_overdue");

  function close() {
    setError(null);
    editor.close();
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    const result = await run(updateDeal, { nextStep: draft.nextStep, nextStepDue: draft.nextStepDue || null });
    setPending(false);
    if (!result.ok) return setError(result.error);
    announce("Next step saved.");
    close();
  }

  const stepProblem = problemFor(error, "nextStep");
  const dueProblem = problemFor(error, "nextStepDue");
  return (
    <section
      aria-labelledby={`${id}-title`}
      className={cx("rounded-card border bg-surface px-5 py-4 shadow-card", overdue ? "border-red-200" : "border-line")}
    >
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <span
          className={cx(
            "flex size-9 shrink-0 items-center justify-center rounded-lg",
            overdue ? "bg-red-50 text-red-600" : "bg-accent-soft text-accent",
          )}
        >
          <CalendarIcon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={`${id}-title`} className="text-[13px] font-medium text-ink-muted">
            Next step
          </h2>
          {editing ? (
            <form onSubmit={save} onKeyDown={(e) => e.key === "Escape" && close()} className="mt-2 flex flex-wrap items-start gap-3" noValidate>
              <Field id={`${id}-step`} label="What happens next" error={stepProblem} className="min-w-56 flex-[2]">
                <Input
                  id={`${id}-step`}
                  autoFocus
                  maxLength={500}
                  value={draft.nextStep}
                  onChange={(e) => setDraft({ ...draft, nextStep: e.target.value })}
                  invalid={!!stepProblem}
                />
              </Field>
              <Field id={`${id}-due`} label="Due" error={dueProblem} className="w-44">
                <Input
                  id={`${id}-due`}
                  type="date"
                  value={draft.nextStepDue}
                  onChange={(e) => setDraft({ ...draft, nextStepDue: e.target.value })}
                  invalid={!!dueProblem}
                />
              </Field>
              <div className="flex gap-2 sm:mt-7">
                <Button type="submit" size="sm" disabled={pending}>
                  {pending ? "Saving…" : "Save"}
                </Button>
                <Button size="sm" variant="ghost" onClick={close}>
                  Cancel
                </Button>
              </div>
              {generalMessage(error, ["nextStep", "nextStepDue"]) ? (
                <p role="alert" className="w-full text-[13px] text-red-700">
                  {generalMessage(error, ["nextStep", "nextStepDue"])}
                </p>
              ) : null}
            </form>
          ) : (
            <div className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1.5">
              <p className={cx("text-[15px] font-medium", deal.nextStep ? "text-ink" : "text-ink-muted italic")}>
                {deal.nextStep || "No next step written"}
              </p>
              {dueBadge(deal.nextStepDue, new Date(now))}
            </div>
          )}
          {deal.stalled && !editing ? (
            <p className="mt-2 flex items-center gap-1.5 text-[13px] text-amber-800">
              <AlertIcon className="size-4 shrink-0" />
              <span>
                <span className="font-semibold">Stalled:</span>{" "}
                {deal.stallReasons
                  .map((r) =>
                    r === "next_step_overdue"
                      ? "the next step is overdue"
                      : `${daysInStage} days in ${deal.stageName}, over its limit of ${stallLimit}`,
                  )
                  .join("; ")}
                .
              </span>
            </p>
          ) : null}
        </div>
        {canEdit && !editing ? (
          <Button
            ref={editButton}
            variant="secondary"
            size="sm"
            onClick={() => {
              setDraft({ nextStep: deal.nextStep, nextStepDue: deal.nextStepDue ?? "" });
              editor.open();
            }}
          >
            <PencilIcon className="size-3.5" />
            Edit next step
          </Button>
        ) : null}
      </div>
    </section>
  );
}
