"use client";

// What the closing page's forms share: one server action on submit while the button says it is
// saving, its refusal kept for the fields until the admin edits again, and a success said politely.
import { type FormEvent, useState, useTransition } from "react";
import { generalMessage, problemFor, problemsOf } from "@/app/opportunities/_lib/problems";
import type { ActionError, ActionResult } from "@/src/http/action-result";

export function useSaveForm(fields: readonly string[]) {
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
