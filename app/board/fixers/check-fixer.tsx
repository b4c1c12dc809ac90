"use client";

import { useOptimistic } from "react";
import { attest } from "../actions";
import { useFix } from "../use-fix";
import { FixerMessage } from "./fixer-message";
import { fixerId, type FixerProps } from "./fixer-types";

/** A `check` criterion: the rep attests it (or takes it back) with a tick. */
export function CheckFixer({ card, unmet, done, onCard, onFixed }: FixerProps) {
  const fix = useFix(onCard);
  const [checked, setChecked] = useOptimistic(done);
  const id = fixerId(unmet);
  return (
    <div className="space-y-1.5">
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={fix.pending}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const satisfied = e.currentTarget.checked;
            fix.run(
              (version) => attest({ id: card.id, key: unmet.key, stage: unmet.stage, satisfied, version }),
              (c) => c,
              () => onFixed(satisfied),
              () => setChecked(satisfied),
            );
          }}
          className="mt-0.5 size-4 shrink-0 cursor-pointer rounded border-line-strong accent-accent"
        />
        <div>
          <label htmlFor={id} className="cursor-pointer text-sm text-ink">
            {unmet.label}
          </label>
          <p id={`${id}-hint`} className="mt-0.5 text-[13px] text-ink-muted">
            {fix.pending ? "Saving…" : done ? "Confirmed by you just now." : "Tick it when it is true: it is recorded with your name and the time."}
          </p>
        </div>
      </div>
      <FixerMessage id={`${id}-msg`} error={fix.error} />
    </div>
  );
}
