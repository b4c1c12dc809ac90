"use client";

// A form's call to one of the People actions: pending while it runs, its error kept for the fields.
import { useState, useTransition } from "react";
import type { ActionError, ActionResult } from "@/src/http/action-result";

export function useAdminAction<T>() {
  const [error, setError] = useState<ActionError | null>(null);
  const [done, setDone] = useState<T | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (work: () => Promise<ActionResult<T>>, onDone?: (data: T) => void) =>
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        setError(null);
        setDone(result.data);
        onDone?.(result.data);
      } else {
        setDone(null);
        setError(result.error);
      }
    });
  return { error, done, pending, run };
}
