"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/src/ui/button";
import { Input } from "@/src/ui/field";
import { pluralize } from "@/src/ui/format";
import { addDealPlanSteps } from "../../_actions/deal-actions";
import { useFix } from "../use-fix";
import { FixerMessage } from "./fixer-message";
import type { FixerProps } from "./fixer-types";

/**
 * A `plan` criterion: steps added to the close plan in place, owned by the deal's owner. The typical
 * steps of a close come in one click, counted back from the decision date; the rep adds their own
 * one at a time. The full plan (owners, edits, done) is the deal page's close plan.
 */
export function PlanFixer({ unmet, done, onFixed, minSteps }: Omit<FixerProps, "deal"> & { minSteps: number }) {
  const fix = useFix();
  const [title, setTitle] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  // A control is disabled while its save runs, which drops the focus: it goes back where it was.
  const typicalButton = useRef<HTMLButtonElement>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const id = useId();

  const send = (steps: "typical" | { title: string; dueDate: string }[]) =>
    fix.run(addDealPlanSteps, { steps }, ({ added, ready }) => {
      const met = ready >= minSteps;
      const said =
        `${added ? `${pluralize(added, "step")} added. ` : "Those steps are already in the plan. "}` +
        `${pluralize(ready, "step")} with an owner and a due date${met ? "." : `: ${minSteps - ready} more needed.`}`;
      setStatus(said);
      if (steps !== "typical") {
        setTitle("");
        setDueDate("");
      }
      onFixed(met, said);
      requestAnimationFrame(() => (steps === "typical" ? typicalButton : titleInput).current?.focus());
    });

  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-ink" id={`${id}-label`}>
        {unmet.label}
      </p>
      <p className="text-[13px] text-ink-muted">
        At least {pluralize(minSteps, "step")}, each with an owner and a due date. Steps added here belong to the deal&apos;s owner.
      </p>
      <Button ref={typicalButton} type="button" variant="secondary" disabled={fix.pending} onClick={() => send("typical")}>
        {fix.pending ? "Saving…" : "Add the typical closing steps"}
      </Button>
      <form
        className="flex flex-wrap items-end gap-2"
        aria-labelledby={`${id}-label`}
        onSubmit={(e) => {
          e.preventDefault();
          send([{ title: title.trim(), dueDate }]);
        }}
      >
        <label className="min-w-40 flex-1 text-[13px] text-ink-muted">
          Step
          <Input
            ref={titleInput}
            value={title}
            maxLength={300}
            required
            disabled={fix.pending}
            onChange={(e) => setTitle(e.currentTarget.value)}
            placeholder="For example: security review complete"
            className="mt-1 w-full"
          />
        </label>
        <label className="text-[13px] text-ink-muted">
          Due
          <Input type="date" value={dueDate} required disabled={fix.pending} onChange={(e) => setDueDate(e.currentTarget.value)} className="mt-1" />
        </label>
        <Button type="submit" variant="secondary" disabled={fix.pending || !title.trim() || !dueDate}>
          Add step
        </Button>
      </form>
      <FixerMessage id={`${id}-msg`} error={fix.message} success={status ?? (done ? "The plan is ready." : null)} />
    </div>
  );
}
