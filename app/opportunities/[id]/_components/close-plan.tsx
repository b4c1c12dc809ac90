"use client";

// "Start with the end in mind": the close plan's steps in due order, each with an owner and a due
// date counted back from the decision date. Late and overdue steps are flagged; the plan is saved
// whole (replaceClosePlan), as the API does.
import { useState } from "react";
import type { ActionError } from "@/src/http/action-result";
import type { ClosePlanResponse } from "@/src/schemas/opportunities";
import type { Person } from "@/src/server/opportunity-page/people";
import { Button } from "@/src/ui/button";
import { EmptyState } from "@/src/ui/empty-state";
import { ListChecksIcon, PlusIcon } from "@/src/ui/icons";
import { formatDate } from "../../_lib/format";
import { humanize, problemsOf } from "../../_lib/problems";
import { replaceDealClosePlan } from "../../_actions/deal-actions";
import { useDeal } from "./deal-context";
import { PlanStepRow } from "./plan-step-row";
import { PlanStepForm, type StepDraft } from "./plan-step-form";
import { SuggestedPlan } from "./suggested-plan";

type Mode = { kind: "idle" } | { kind: "add" } | { kind: "edit"; id: string } | { kind: "suggested" };

type Props = { plan: ClosePlanResponse; people: Person[]; dealOwnerId: string };

const toDraft = (s: ClosePlanResponse["steps"][number]): StepDraft => ({
  title: s.title,
  ownerUserId: s.ownerUserId,
  ownerName: s.ownerName,
  dueDate: s.dueDate,
  done: s.done,
});

/** The server's field problems ("steps.2.title") as sentences about the steps. */
function describe(error: ActionError): string {
  const problems = problemsOf(error);
  if (!problems.length) return error.message;
  return problems
    .map((p) => {
      const m = /^steps\.(\d+)\.(\w+)$/.exec(p.field);
      return m
        ? `Step ${Number(m[1]) + 1}, ${m[2] === "ownerUserId" ? "owner" : m[2] === "dueDate" ? "due date" : m[2]}: ${humanize(p.message).toLowerCase()}`
        : humanize(p.message);
    })
    .join(" ");
}

export function ClosePlan({ plan, people, dealOwnerId }: Props) {
  const { canEdit, run, announce } = useDeal();
  const [mode, setMode] = useState<Mode>({ kind: "idle" });
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const steps = plan.steps.map(toDraft);
  const done = plan.steps.filter((s) => s.done).length;

  async function save(next: StepDraft[], message: string): Promise<boolean> {
    setPending(true);
    setError(undefined);
    const result = await run(replaceDealClosePlan, { steps: next });
    setPending(false);
    if (!result.ok) {
      setError(describe(result.error));
      return false;
    }
    announce(message);
    setMode({ kind: "idle" });
    return true;
  }

  const replaceAt = (id: string, step: StepDraft | null) => plan.steps.flatMap((s, i) => (s.id === id ? (step ? [step] : []) : [steps[i]!]));

  return (
    <section id="close-plan" aria-labelledby="close-plan-heading" className="scroll-mt-24 rounded-card border border-line bg-surface shadow-card">
      <header className="flex flex-wrap items-start justify-between gap-4 border-b border-line px-5 py-4">
        <div className="min-w-0">
          <h2 id="close-plan-heading" className="text-[15px] font-semibold text-ink">
            Close plan
          </h2>
          <p className="mt-0.5 text-[13px] text-ink-muted">
            Worked back from the decision date, {formatDate(plan.closeDate)}.{plan.steps.length ? ` ${done} of ${plan.steps.length} done.` : ""}
          </p>
        </div>
        {canEdit && plan.steps.length > 0 && mode.kind === "idle" ? (
          <Button variant="secondary" size="sm" onClick={() => setMode({ kind: "add" })}>
            <PlusIcon className="size-4" />
            Add step
          </Button>
        ) : null}
      </header>

      {mode.kind === "suggested" ? (
        <SuggestedPlan
          suggested={plan.suggested}
          people={people}
          dealOwnerId={dealOwnerId}
          pending={pending}
          error={error}
          onSave={(s) => save(s, "Close plan saved.")}
          onCancel={() => setMode({ kind: "idle" })}
        />
      ) : plan.steps.length === 0 && mode.kind !== "add" ? (
        <EmptyState
          icon={<ListChecksIcon />}
          title="No close plan yet"
          description="List the steps to a signature (security review, legal, signatures), each with an owner and a due date before the decision date."
          action={
            canEdit ? (
              <div className="flex flex-wrap justify-center gap-2">
                <Button onClick={() => setMode({ kind: "suggested" })}>Start from a suggested plan</Button>
                <Button variant="secondary" onClick={() => setMode({ kind: "add" })}>
                  Add a step
                </Button>
              </div>
            ) : null
          }
        />
      ) : (
        <ol className="divide-y divide-line">
          {plan.steps.map((s, i) =>
            mode.kind === "edit" && mode.id === s.id ? (
              <li key={s.id} className="p-4">
                <PlanStepForm
                  initial={steps[i]!}
                  people={people}
                  submitLabel="Save step"
                  pending={pending}
                  error={error}
                  onSubmit={(d) => void save(replaceAt(s.id, d), "Step saved.")}
                  onCancel={() => setMode({ kind: "idle" })}
                />
              </li>
            ) : (
              <PlanStepRow
                key={s.id}
                step={s}
                people={people}
                busy={pending}
                onToggle={(isDone) => void save(replaceAt(s.id, { ...steps[i]!, done: isDone }), `${s.title}: ${isDone ? "done" : "not done"}.`)}
                onEdit={() => setMode({ kind: "edit", id: s.id })}
                onRemove={() => void save(replaceAt(s.id, null), `${s.title} removed.`)}
              />
            ),
          )}
        </ol>
      )}
      {mode.kind === "add" ? (
        <div className="border-t border-line p-4">
          <PlanStepForm
            initial={{ title: "", ownerUserId: dealOwnerId, ownerName: "", dueDate: null, done: false }}
            people={people}
            submitLabel="Add step"
            pending={pending}
            error={error}
            onSubmit={(d) => void save([...steps, d], "Step added.")}
            onCancel={() => setMode({ kind: "idle" })}
          />
        </div>
      ) : null}
      {error && mode.kind === "idle" ? (
        <p role="alert" className="border-t border-line px-5 py-3 text-[13px] text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
