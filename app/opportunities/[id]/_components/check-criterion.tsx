"use client";

// A `check` criterion: a person attests it, with an optional note or evidence link, or clears it.
import { useId, useState, type FormEvent } from "react";
import type { ChecklistItem } from "@/src/server/opportunity-page/get-opportunity-page";
import { Button } from "@/src/ui/button";
import { Field, Input } from "@/src/ui/field";
import { Textarea } from "@/src/ui/textarea";
import { exactTime, relativeTime } from "../../_lib/format";
import { problemFor } from "../../_lib/problems";
import { attestCriterionAction } from "../actions";
import { CriterionStatus } from "./criterion-status";
import { useDeal } from "./deal-context";

export function CheckCriterion({ item, now }: { item: ChecklistItem; now: string }) {
  const { canEdit, run, announce } = useDeal();
  const id = useId();
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const [withNote, setWithNote] = useState(false);
  const [note, setNote] = useState("");
  const [evidenceUrl, setEvidenceUrl] = useState("");
  const [error, setError] = useState<Parameters<typeof problemFor>[0]>(null);
  const checked = optimistic ?? item.satisfied;

  async function attest(satisfied: boolean, extra: { note?: string; evidenceUrl?: string } = {}) {
    setOptimistic(satisfied);
    setError(null);
    const result = await run(attestCriterionAction, { key: item.key, satisfied, ...extra });
    setOptimistic(null);
    if (!result.ok) return setError(result.error);
    setWithNote(false);
    announce(`${item.label}: ${satisfied ? "met" : "not met"}.`);
  }

  function attestWithNote(e: FormEvent) {
    e.preventDefault();
    void attest(true, { note, ...(evidenceUrl ? { evidenceUrl } : {}) });
  }

  const a = item.attestation;
  return (
    <div className="flex gap-3">
      {canEdit ? (
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={optimistic !== null}
          onChange={(e) => void attest(e.target.checked)}
          aria-describedby={a ? `${id}-by` : undefined}
          className="mt-0.5 size-[18px] shrink-0 cursor-pointer rounded accent-[var(--color-accent)] disabled:cursor-default"
        />
      ) : (
        <CriterionStatus met={item.satisfied} />
      )}
      <div className="min-w-0 flex-1">
        {canEdit ? (
          <label htmlFor={id} className={checked ? "text-sm text-ink" : "text-sm font-medium text-ink"}>
            {item.label}
          </label>
        ) : (
          <p className="text-sm text-ink">{item.label}</p>
        )}
        {a && item.satisfied ? (
          <p id={`${id}-by`} className="mt-0.5 text-[13px] text-ink-muted">
            Attested by {a.byName} · <time dateTime={a.at} title={exactTime(a.at)}>{relativeTime(a.at, new Date(now))}</time>
            {a.note ? <span className="block text-ink">“{a.note}”</span> : null}
            {a.evidenceUrl ? (
              <a href={a.evidenceUrl} target="_blank" rel="noreferrer noopener" className="block truncate text-accent hover:underline">
                {a.evidenceUrl}
              </a>
            ) : null}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="mt-1 text-[13px] text-red-700">
            {problemFor(error, "evidenceUrl") ?? error.message}
          </p>
        ) : null}
        {!checked && canEdit && !withNote ? (
          <button type="button" onClick={() => setWithNote(true)} className="mt-0.5 block rounded text-[13px] font-medium text-accent hover:underline">
            Attest with a note
          </button>
        ) : null}
        {!checked && withNote ? (
          <form onSubmit={attestWithNote} className="mt-2 space-y-2.5" noValidate>
            <Field id={`${id}-note`} label="Note">
              <Textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Who confirmed it, and when" />
            </Field>
            <Field id={`${id}-evidence`} label="Evidence link (optional)">
              <Input id={`${id}-evidence`} type="url" value={evidenceUrl} onChange={(e) => setEvidenceUrl(e.target.value)} placeholder="https://" />
            </Field>
            <div className="flex gap-2">
              <Button type="submit" size="sm" disabled={optimistic !== null}>
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
