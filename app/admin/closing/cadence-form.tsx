"use client";

// The Missed Connections cadence: the touches of a new play, in days after the loss (one to six,
// each later than the one before), checked as typed by the rule the save applies (cadenceProblems).
// A play already started keeps the dates it was given.
import { useEffect, useId, useState } from "react";
import { humanize, numberOrNull } from "@/app/opportunities/_lib/problems";
import { cadenceProblems, MAX_TOUCHES } from "@/src/domain/closing/plays";
import { Button } from "@/src/ui/button";
import { Input } from "@/src/ui/field";
import { PlusIcon } from "@/src/ui/icons";
import { saveCadenceAction } from "./actions";
import { FormOutcome, ProblemList, useActionForm } from "@/app/_kit/action-form";

export function CadenceForm({ cadence }: { cadence: number[] }) {
  const [days, setDays] = useState(() => cadence.map(String));
  const uid = useId();
  const stored = JSON.stringify(cadence);
  const form = useActionForm(["missedConnectionsCadence", ...days.map((_, i) => `missedConnectionsCadence.${i}`)]);
  useEffect(() => setDays((JSON.parse(stored) as number[]).map(String)), [stored]);

  const change = (next: string[]) => {
    form.edited();
    setDays(next);
  };
  const values = days.map(numberOrNull);
  const notNumbers = values.map((v, i) => (typeof v === "number" ? null : `Touch ${i + 1}: enter a number of days.`)).filter((p): p is string => !!p);
  const live = notNumbers.length ? notNumbers : cadenceProblems(values as number[]);
  const saved = form.problems("missedConnectionsCadence");
  const shown = saved.length ? saved : live;
  const submit = form.onSubmit(
    () => saveCadenceAction({ missedConnectionsCadence: values }),
    (s) => `Saved: ${s.missedConnectionsCadence.map((d) => `+${d}`).join(", ")} days. New plays follow it.`,
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Missed Connections cadence" className="space-y-4">
      <ol className="space-y-2">
        {days.map((d, i) => {
          const id = `${uid}-touch-${i}`;
          const problem = form.problem(`missedConnectionsCadence.${i}`);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a touch is its position in the cadence
            <li key={i} className="flex flex-wrap items-center gap-2">
              <label htmlFor={id} className="w-16 text-sm font-medium text-ink">
                Touch {i + 1}
              </label>
              <span className="text-sm text-ink-muted" aria-hidden="true">
                +
              </span>
              <Input
                id={id}
                inputMode="numeric"
                value={d}
                onChange={(e) => change(days.map((x, j) => (j === i ? e.target.value : x)))}
                invalid={!!problem}
                aria-describedby={`${id}-unit`}
                className="h-9 w-24"
              />
              <span id={`${id}-unit`} className="text-sm text-ink-muted">
                days after the loss{problem ? ` · ${humanize(problem)}` : ""}
              </span>
              <Button
                size="sm"
                variant="ghost"
                disabled={days.length === 1}
                onClick={() => change(days.filter((_, j) => j !== i))}
                aria-label={`Remove touch ${i + 1}`}
              >
                Remove
              </Button>
            </li>
          );
        })}
      </ol>
      <Button
        variant="secondary"
        size="sm"
        disabled={days.length >= MAX_TOUCHES}
        onClick={() => {
          const last = Number(days.at(-1));
          change([...days, String(Number.isFinite(last) ? last + 30 : 14)]);
        }}
      >
        <PlusIcon className="size-3.5" />
        Add a touch
      </Button>
      <ProblemList problems={shown} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Saving…" : "Save cadence"}
        </Button>
        <FormOutcome general={saved.length ? undefined : form.general} notice={form.notice} />
      </div>
    </form>
  );
}
