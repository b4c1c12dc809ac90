"use client";

// What every move dialog shares: sending the move, and keeping the refusal's unmet criteria.
import { useState } from "react";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import type { ActionError } from "@/src/http/action-result";
import { moveDeal } from "../../_actions/deal-actions";
import { useDeal } from "./deal-context";

export const unmetOf = (n: number) => `${n} exit ${n === 1 ? "criterion" : "criteria"}`;

export function useMoveSubmit(onClose: () => void) {
  const { run, announce } = useDeal();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const [refused, setRefused] = useState<Unmet[] | null>(null);

  async function submit(request: Record<string, unknown>, success: string) {
    setPending(true);
    setError(null);
    const result = await run(moveDeal, request);
    setPending(false);
    if (result.ok) {
      announce(success);
      onClose();
      return;
    }
    setError(result.error);
    if (result.error.code === "EXIT_CRITERIA_UNMET") setRefused((result.error.details as { unmet: Unmet[] }).unmet);
  }

  return { submit, pending, error, refused };
}
