"use client";

// One field of the deal, shown as a value and edited in place: Enter or Save writes it through
// updateOpportunity, Escape cancels, and the server's validation message appears under the input.
import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { ActionError } from "@/src/http/action-result";
import { Button } from "@/src/ui/button";
import { cx } from "@/src/ui/cx";
import { Input } from "@/src/ui/field";
import { PencilIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { Textarea } from "@/src/ui/textarea";
import { generalMessage, problemFor } from "../../_lib/problems";
import { updateDeal } from "../../_actions/deal-actions";
import { useDeal } from "./deal-context";
import { useInPlaceEdit } from "./use-in-place-edit";

type Editor =
  | { kind: "text"; maxLength?: number }
  | { kind: "textarea"; maxLength?: number; placeholder?: string }
  | { kind: "number"; step?: string; min?: number; max?: number; suffix?: string }
  | { kind: "date" }
  | { kind: "select"; options: { value: string; label: string }[] }
  /** A few choices side by side (yes / no), one of them checked. */
  | { kind: "radio"; options: { value: string; label: string }[] };

export type InlineFieldProps = {
  /** The API field this edits: its errors are shown here. */
  field: string;
  label: string;
  value: string;
  display: ReactNode;
  editor: Editor;
  toPayload: (raw: string) => Record<string, unknown>;
  /** When the new value needs a reason before saving (a close date moved later): the question to ask. */
  reasonFor?: (raw: string) => string | null;
  hint?: ReactNode;
  className?: string;
};

export function InlineField({ field, label, value, display, editor, toPayload, reasonFor, hint, className }: InlineFieldProps) {
  const { canEdit, run, announce } = useDeal();
  const id = useId();
  const { editing, editButton, open: openEditor, close } = useInPlaceEdit();
  const [draft, setDraft] = useState(value);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, setPending] = useState(false);

  const question = reasonFor?.(draft) ?? null;
  const fieldError = problemFor(error, field);
  const reasonError = problemFor(error, "reason");
  const otherError = generalMessage(error, [field, "reason"]);

  function open() {
    setDraft(value);
    setReason("");
    setError(null);
    openEditor();
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (draft === value) return close();
    setPending(true);
    const result = await run(updateDeal, { ...toPayload(draft), ...(question ? { reason } : {}) });
    setPending(false);
    if (!result.ok) return setError(result.error);
    announce(`${label} saved.`);
    close();
  }

  return (
    <div className={cx("min-w-0 py-3", className)}>
      <dt className="text-[13px] font-medium text-ink-muted">
        {!editing ? label : editor.kind === "radio" ? <span id={`${id}-label`}>{label}</span> : <label htmlFor={id}>{label}</label>}
      </dt>
      <dd className="mt-1">
        {editing ? (
          <form
            onSubmit={save}
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              e.stopPropagation();
              close();
            }}
            className="space-y-2"
            noValidate
          >
            <Control
              id={id}
              editor={editor}
              value={draft}
              onChange={setDraft}
              invalid={!!fieldError}
              describedBy={fieldError ? `${id}-help` : undefined}
            />
            {fieldError ? (
              <p id={`${id}-help`} className="text-[13px] text-red-700">
                {fieldError}
              </p>
            ) : null}
            {question ? (
              <div className="space-y-1.5 rounded-lg border border-amber-200 bg-amber-50/60 p-3">
                <label htmlFor={`${id}-reason`} className="block text-[13px] font-medium text-amber-900">
                  {question}
                </label>
                <Textarea
                  id={`${id}-reason`}
                  rows={2}
                  required
                  aria-required="true"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  invalid={!!reasonError}
                  aria-describedby={reasonError ? `${id}-reason-help` : undefined}
                  placeholder="e.g. Legal review moved to January at the buyer's request"
                />
                {reasonError ? (
                  <p id={`${id}-reason-help`} className="text-[13px] text-red-700">
                    {reasonError}
                  </p>
                ) : null}
              </div>
            ) : null}
            {otherError ? (
              <p role="alert" className="text-[13px] text-red-700">
                {otherError}
              </p>
            ) : null}
            <div className="flex gap-2">
              <Button type="submit" size="sm" disabled={pending}>
                {pending ? "Saving…" : "Save"}
              </Button>
              <Button size="sm" variant="ghost" onClick={close} disabled={pending}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0 text-sm break-words text-ink">{display}</div>
            {canEdit ? (
              <button
                ref={editButton}
                type="button"
                onClick={open}
                aria-label={`Edit ${label}`}
                className="-mt-1 -mr-1.5 flex size-7 shrink-0 items-center justify-center rounded-md text-ink-subtle transition-colors hover:bg-zinc-100 hover:text-ink"
              >
                <PencilIcon className="size-3.5" />
              </button>
            ) : null}
          </div>
        )}
        {hint && !editing ? <p className="mt-0.5 text-[13px] text-ink-muted">{hint}</p> : null}
      </dd>
    </div>
  );
}

type ControlProps = { id: string; editor: Editor; value: string; onChange: (v: string) => void; invalid: boolean; describedBy?: string };

function Control({ id, editor, value, onChange, invalid, describedBy }: ControlProps) {
  const common = { id, invalid, "aria-describedby": describedBy, autoFocus: true };
  switch (editor.kind) {
    case "textarea":
      return (
        <Textarea
          {...common}
          rows={4}
          maxLength={editor.maxLength}
          placeholder={editor.placeholder}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "select":
      return (
        <Select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          {editor.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      );
    case "number":
      return (
        <div className="flex items-center gap-2">
          <Input {...common} type="text" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} className="tabular-nums" />
          {editor.suffix ? <span className="shrink-0 text-sm text-ink-muted">{editor.suffix}</span> : null}
        </div>
      );
    case "radio":
      return (
        <div role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={describedBy} className="flex flex-wrap gap-x-5 gap-y-2 py-1">
          {editor.options.map((o) => (
            <label key={o.value} className="inline-flex items-center gap-2 text-sm text-ink">
              <input
                type="radio"
                name={id}
                value={o.value}
                checked={value === o.value}
                onChange={() => onChange(o.value)}
                // The editor opens on the rep's own click of Edit: focus goes to the checked choice, as to the other editors' inputs.
                {...(value === o.value ? { autoFocus: true } : {})}
                aria-invalid={invalid || undefined}
                className="size-4 accent-[var(--color-accent)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
              />
              {o.label}
            </label>
          ))}
        </div>
      );
    case "date":
      return <Input {...common} type="date" value={value} onChange={(e) => onChange(e.target.value)} />;
    case "text":
      return <Input {...common} type="text" maxLength={editor.maxLength} value={value} onChange={(e) => onChange(e.target.value)} />;
  }
}
