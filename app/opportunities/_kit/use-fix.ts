"use client";

import { useState, useTransition } from "react";
import type { ActionError } from "@/src/http/action-result";
import type { BoardCard } from "@/src/server/board/board-card";
import { describeError } from "../_lib/problems";
import { useWriter, type DealAction } from "./deal-writer";

/**
 * One control's write, through the deal's writer: pending while it runs, and on a refusal the error
 * beside the control (the whole error, for controls that name its fields, and a sentence).
 */
export function useFix() {
  const writer = useWriter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);

  /** `optimistic` runs inside the transition: an optimistic value set there lasts until the answer. */
  function run<T extends { card: BoardCard }>(
    action: DealAction<T>,
    input: Record<string, unknown> | FormData,
    onDone?: (data: T) => void,
    optimistic?: () => void,
  ) {
    setError(null);
    startTransition(async () => {
      optimistic?.();
      const result = await writer.run(action, input);
      if (result.ok) onDone?.(result.data);
      else setError(result.error);
    });
  }

  const message = error ? (error.code === "VERSION_CONFLICT" ? writer.conflictHint : describeError(error)) : null;
  return { run, pending, error, message };
}
