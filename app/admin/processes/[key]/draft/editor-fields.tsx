"use client";

// The editor's controls: each one labelled, with the draft's problems at its path shown below it and
// named by aria-describedby, and the id the problems summary links to (fieldId of the path).
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { Field, Input } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { Textarea } from "@/src/ui/textarea";
import { fieldId } from "./editor-model";

/** The draft's problems by the path of the control that shows them. */
export const ProblemsContext = createContext<Map<string, string[]>>(new Map());

/** The control's id, and its problems as one sentence (none: undefined). */
export function useFieldProblem(path: string) {
  const problems = useContext(ProblemsContext).get(path);
  const id = fieldId(path);
  const error = problems?.length ? problems.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(". ") : undefined;
  return { id, error, describedBy: error ? `${id}-help` : undefined };
}

type Common = { path: string; label: ReactNode; hint?: ReactNode; className?: string };

export function TextInputField({
  path,
  label,
  hint,
  className,
  value,
  onChange,
  maxLength,
  mono,
}: Common & { value: string; onChange: (value: string) => void; maxLength?: number; mono?: boolean }) {
  const { id, error } = useFieldProblem(path);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <Input
        id={id}
        value={value}
        maxLength={maxLength}
        invalid={!!error}
        aria-describedby={error || hint ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={mono ? "font-mono text-[13px]" : undefined}
        spellCheck={mono ? false : undefined}
        autoComplete="off"
      />
    </Field>
  );
}

export function TextareaField({
  path,
  label,
  hint,
  className,
  value,
  onChange,
  maxLength,
  rows = 3,
}: Common & { value: string; onChange: (value: string) => void; maxLength?: number; rows?: number }) {
  const { id, error } = useFieldProblem(path);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <Textarea
        id={id}
        rows={rows}
        value={value}
        maxLength={maxLength}
        invalid={!!error}
        aria-describedby={error || hint ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

export function SelectField({
  path,
  label,
  hint,
  className,
  value,
  onChange,
  options,
  placeholder,
}: Common & { value: string; onChange: (value: string) => void; options: readonly (readonly [string, string])[]; placeholder?: string }) {
  const { id, error } = useFieldProblem(path);
  const known = options.some(([v]) => v === value);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <Select
        id={id}
        value={known ? value : ""}
        invalid={!!error}
        aria-describedby={error || hint ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {!known ? <option value="">{placeholder ?? "Choose…"}</option> : null}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * A number typed as text: the draft gets the number as soon as the text is one (blank is `null` when
 * `allowEmpty`), and the text stays as typed meanwhile, with a word when it is not a number yet.
 */
export function NumberField({
  path,
  label,
  hint,
  className,
  value,
  onChange,
  allowEmpty = false,
  suffix,
}: Common & { value: number | null; onChange: (value: number | null) => void; allowEmpty?: boolean; suffix?: string }) {
  const { id, error } = useFieldProblem(path);
  const [text, setText] = useState(value === null ? "" : String(value));
  // Another value from outside (a stage selected, a draft loaded): the text follows it.
  useEffect(() => {
    setText((shown) => (Number(shown) === value && shown.trim() !== "" ? shown : value === null ? "" : String(value)));
  }, [value]);
  const parsed = text.trim() === "" ? null : Number(text);
  const local = parsed === null ? (allowEmpty ? undefined : "Enter a number") : Number.isFinite(parsed) ? undefined : "Enter a number";
  const shown = local ?? error;
  return (
    <Field id={id} label={label} hint={hint} error={shown} className={className}>
      <div className="flex items-center gap-2">
        <Input
          id={id}
          inputMode="numeric"
          value={text}
          invalid={!!shown}
          aria-describedby={shown || hint ? `${id}-help` : undefined}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            const n = next.trim() === "" ? null : Number(next);
            if (n === null ? allowEmpty : Number.isFinite(n)) onChange(n);
          }}
          className="w-28"
          autoComplete="off"
        />
        {suffix ? (
          <span className="text-sm text-ink-muted" aria-hidden="true">
            {suffix}
          </span>
        ) : null}
      </div>
    </Field>
  );
}
