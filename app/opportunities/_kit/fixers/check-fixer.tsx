"use client";

// A `check` criterion: a person attests it with a tick (or takes it back), optionally with a note or
// an evidence link; it is recorded with their name and the time.
import { useId, useOptimistic, useState, type ReactNode } from "react";
import { Button } from "@/src/ui/button";
import { Field, Input } from "@/src/ui/field";
import { Textarea } from "@/src/ui/textarea";
import { attestDealCriterion } from "../../_actions/deal-actions";
import { problemFor } from "../../_lib/problems";
import { useFix } from "../use-fix";
import type { FixerProps } from "./fixer-types";

type Props = Omit<FixerProps, "deal"> & {
  /** Who attested it and when, with their note: shown under the label once it is met. */
  detail?: ReactNode;
};

export function CheckFixer({ unmet, done, onFixed, detail }: Props) {
  const fix = useFix();
  const id = useId();
  const [checked, setChecked] = useOptimistic(done);
  const [withNote, setWithNote] = useState(false);
  const [note, setNote] = useState("");
  const [evidenceUrl, setEvidenceUrl] = useState("");

  function attest(satisfied: boolean, extra: { note?: string; evidenceUrl?: string } = {}) {
    fix.run(
      attestDealCriterion,
      { key: unmet.key, stage: unmet.stage, satisfied, ...extra },
      () => {
        setWithNote(false);
        onFixed(satisfied, `${unmet.label}: ${satisfied ? "met" : "not met"}.`);
      },
      () => setChecked(satisfied),
    );
  }

  const hint = fix.pending
    ? "Saving…"
    : (detail ?? (done ? "Confirmed by you just now." : "Tick it when it is true: it is recorded with your name and the time."));
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={fix.pending}
        aria-describedby={`${id}-hint`}
        onChange={(e) => attest(e.currentTarget.checked)}
        className="mt-0.5 size-[18px] shrink-0 cursor-pointer rounded accent-[var(--color-accent)] disabled:cursor-default"
      />
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className={checked ? "cursor-pointer text-sm text-ink" : "cursor-pointer text-sm font-medium text-ink"}>
          {unmet.label}
        </label>
        <div id={`${id}-hint`} className="mt-0.5 text-[13px] text-ink-muted">
          {hint}
        </div>
        {fix.error ? (
          <p role="alert" className="mt-1 text-[13px] text-red-700">
            {problemFor(fix.error, "evidenceUrl") ?? fix.message}
          </p>
        ) : null}
        {!checked && !withNote ? (
          <button
            type="button"
            onClick={() => setWithNote(true)}
            className="mt-0.5 block rounded text-[13px] font-medium text-accent hover:underline"
          >
            Attest with a note
          </button>
        ) : null}
        {!checked && withNote ? (
          <form
            noValidate
            className="mt-2 space-y-2.5"
            onSubmit={(e) => {
              e.preventDefault();
              attest(true, { note, ...(evidenceUrl ? { evidenceUrl } : {}) });
            }}
          >
            <Field id={`${id}-note`} label="Note">
              <Textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Who confirmed it, and when" />
            </Field>
            <Field id={`${id}-evidence`} label="Evidence link (optional)">
              <Input id={`${id}-evidence`} type="url" value={evidenceUrl} onChange={(e) => setEvidenceUrl(e.target.value)} placeholder="https://" />
            </Field>
            <div className="flex gap-2">
              <Button type="submit" size="sm" disabled={fix.pending}>
                Mark as met
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setWithNote(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : null}
      </div>
    </div>
  );
}
