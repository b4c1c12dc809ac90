"use client";

// What every move dialog shares: sending the move, keeping the refusal's unmet criteria, and the
// manager's override with its written justification.
import { useState } from "react";
import type { Unmet } from "@/src/domain/criteria/unmet-criteria";
import type { ActionError } from "@/src/http/action-result";
import { Field } from "@/src/ui/field";
import { Textarea } from "@/src/ui/textarea";
import { problemFor } from "../../_lib/problems";
import { moveDealAction } from "../actions";
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
    const result = await run(moveDealAction, request);
    setPending(false);
    if (result.ok) {
      announce(success);
      onClose();
      return;
    }
    setError(result.error);
    if (result.error.code === "EXIT_CRITERIA_UNMET") setRefused((result.error.details as { unmet: Unmet[] }).unmet);
  }

  return { submit, pending, error, refused, setRefused };
}

type OverrideProps = {
  overriding: boolean;
  setOverriding: (on: boolean) => void;
  value: string;
  onChange: (v: string) => void;
  error: ActionError | null;
};

/** A manager's override: recorded, flagged in the history and the dashboard's data integrity. */
export function OverrideField({ overriding, setOverriding, value, onChange, error }: OverrideProps) {
  const problem = problemFor(error, "override.justification");
  return (
    <div className="mt-5 rounded-lg border border-amber-200 bg-amber-50/70 p-4">
      <label className="flex items-start gap-2.5 text-sm font-medium text-amber-950">
        <input
          type="checkbox"
          checked={overriding}
          onChange={(e) => setOverriding(e.target.checked)}
          className="mt-0.5 size-4 shrink-0 accent-amber-600"
        />
        <span>
          Override as manager
          <span className="block text-[13px] font-normal text-amber-900">
            Move despite the unmet criteria. The override is recorded with your justification and flagged on the dashboard.
          </span>
        </span>
      </label>
      {overriding ? (
        <Field id="override-justification" label="Justification" error={problem} className="mt-3">
          <Textarea
            id="override-justification"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            required
            invalid={!!problem}
            aria-describedby={problem ? "override-justification-help" : undefined}
            placeholder="Why this deal may move before its criteria are met"
          />
        </Field>
      ) : null}
    </div>
  );
}
