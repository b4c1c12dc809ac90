"use client";

// A manager's way past a refused move: the move goes through with the criteria unmet, and the written
// justification is recorded as an override, flagged in the history and the dashboard.
import { useId } from "react";
import type { ActionError } from "@/src/http/action-result";
import { Field } from "@/src/ui/field";
import { Textarea } from "@/src/ui/textarea";
import { problemFor } from "../_lib/problems";

type Props = {
  overriding: boolean;
  onOverriding: (on: boolean) => void;
  justification: string;
  onJustification: (text: string) => void;
  error?: ActionError | null;
};

export function OverrideField({ overriding, onOverriding, justification, onJustification, error }: Props) {
  const id = useId();
  const problem = problemFor(error, "override.justification");
  return (
    <div className="mt-5 rounded-lg border border-amber-200 bg-amber-50/70 p-4">
      <label className="flex items-start gap-2.5 text-sm font-medium text-amber-950">
        <input
          type="checkbox"
          checked={overriding}
          onChange={(e) => onOverriding(e.target.checked)}
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
        <Field id={id} label="Justification" error={problem} className="mt-3">
          <Textarea
            id={id}
            value={justification}
            onChange={(e) => onJustification(e.target.value)}
            required
            autoFocus
            maxLength={2000}
            invalid={!!problem}
            aria-describedby={problem ? `${id}-help` : undefined}
            placeholder="Why this deal may move before its criteria are met"
          />
        </Field>
      ) : null}
    </div>
  );
}
