"use client";

import { useState } from "react";
import { numberOrNull } from "@/app/opportunities/_lib/problems";
import { Button } from "@/src/ui/button";
import { TextField } from "@/src/ui/field";
import { FormOutcome, useActionForm } from "@/app/_kit/action-form";
import { saveTurnaroundAction } from "./actions";

/** The deal desk's target turnaround, in business hours: the queue marks requests older than it as late. */
export function TurnaroundForm({ hours }: { hours: number }) {
  const [value, setValue] = useState(String(hours));
  const form = useActionForm(["turnaroundHours"]);
  const submit = form.onSubmit(
    () => saveTurnaroundAction({ turnaroundHours: numberOrNull(value) }),
    (saved) => `Saved: ${saved.turnaroundHours} business hours.`,
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Target turnaround" className="space-y-3">
      <TextField
        id="turnaround-hours"
        label="Target turnaround"
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={form.problem("turnaroundHours")}
        hint="Business hours, 1 to 240: Monday to Friday, UTC. 24 is one working day."
        className="w-full sm:w-72"
      />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Saving…" : "Save turnaround"}
      </Button>
      <FormOutcome general={form.general} notice={form.notice} />
    </form>
  );
}
