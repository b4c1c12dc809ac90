"use client";

import { type FormEvent, useState, useTransition } from "react";
import { generalMessage, numberOrNull, problemFor } from "@/app/opportunities/_lib/problems";
import type { ActionError } from "@/src/http/action-result";
import { Button } from "@/src/ui/button";
import { TextField } from "@/src/ui/field";
import { saveTurnaroundAction } from "./actions";

/** The deal desk's target turnaround, in business hours: the queue marks requests older than it as late. */
export function TurnaroundForm({ hours }: { hours: number }) {
  const [value, setValue] = useState(String(hours));
  const [error, setError] = useState<ActionError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const general = generalMessage(error, ["turnaroundHours"]);

  function submit(e: FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const result = await saveTurnaroundAction({ turnaroundHours: numberOrNull(value) });
      if (!result.ok) {
        setNotice(null);
        return setError(result.error);
      }
      setError(null);
      setNotice(`Saved: ${result.data.turnaroundHours} business hours.`);
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Target turnaround" className="space-y-3">
      <TextField
        id="turnaround-hours"
        label="Target turnaround"
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={problemFor(error, "turnaroundHours")}
        hint="Business hours, 1 to 240: Monday to Friday, UTC. 24 is one working day."
        className="w-full sm:w-72"
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save turnaround"}
      </Button>
      {general ? (
        <p role="alert" className="text-sm text-red-700">
          {general}
        </p>
      ) : null}
      <div aria-live="polite" className="text-[13px] text-emerald-800 empty:hidden">
        {notice}
      </div>
    </form>
  );
}
