"use client";

// What the small settings forms share (the deal desk's rules page, the admin console's closing page):
// one server action called on submit, while the button says it is saving; its field problems kept
// for the fields until the user edits again, any other refusal said in an alert, and a success said
// in a polite live region.
import { type FormEvent, useState, useTransition } from "react";
import { generalMessage, problemFor, problemsOf } from "@/app/opportunities/_lib/problems";
import type { ActionError, ActionResult } from "@/src/http/action-result";
import { AlertIcon } from "@/src/ui/icons";

/**
 * `fields`: the fields the form shows problems beside; a refusal naming none of them is the form's
 * general message. `onSubmit(call, saved)` makes the submit handler: it runs the action and, on
 * success, calls `saved` (which may reset the form) and shows the notice it answers.
 */
export function useActionForm(fields: readonly string[]) {
  const [error, setError] = useState<ActionError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit<T>(call: () => Promise<ActionResult<T>>, saved: (data: T) => string) {
    return (e: FormEvent) => {
      e.preventDefault();
      startTransition(async () => {
        const result = await call();
        if (!result.ok) {
          setNotice(null);
          setError(result.error);
          return;
        }
        setError(null);
        setNotice(saved(result.data));
      });
    };
  }

  return {
    error,
    notice,
    pending,
    onSubmit,
    /** An edit makes the last answer stale: its problems and notice go. */
    edited: () => {
      if (error) setError(null);
      if (notice) setNotice(null);
    },
    problem: (field: string) => problemFor(error, field),
    /** Every message given for exactly this field (a list's problems all name the list). */
    problems: (field: string) =>
      problemsOf(error)
        .filter((p) => p.field === field)
        .map((p) => p.message),
    general: generalMessage(error, [...fields]),
  };
}

/** The form's outcome: the general refusal as an alert, and the success notice, announced politely. */
export function FormOutcome({ general, notice, icon = false }: { general: string | undefined; notice: string | null; icon?: boolean }) {
  return (
    <>
      {general ? (
        <p role="alert" className={icon ? "flex items-center gap-2 text-sm text-red-700" : "text-sm text-red-700"}>
          {icon ? <AlertIcon className="size-4 shrink-0" /> : null}
          {general}
        </p>
      ) : null}
      <div aria-live="polite" className="text-[13px] text-emerald-800 empty:hidden">
        {notice}
      </div>
    </>
  );
}

/** A list's problems (as typed, or as the save answered), as one alert; nothing when there are none. */
export function ProblemList({ problems }: { problems: string[] }) {
  if (!problems.length) return null;
  return (
    <ul role="alert" className="list-disc space-y-1 pl-5 text-[13px] text-red-700">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
