"use client";

// A template's fields with their placeholders: each placeholder a button that inserts its tag where
// the cursor was in the field last used (keyboard too: the field keeps its cursor while the button
// has focus, and focus goes back to the field after the tag), and the template's problems shown
// under the field as it is typed, by the same rules the save applies (templateProblems).
import { useRef, useState } from "react";
import { humanize } from "@/app/opportunities/_lib/problems";
import { type TemplateKind, templateProblems } from "@/src/domain/closing/templates";
import { Field, Input } from "@/src/ui/field";
import { Textarea } from "@/src/ui/textarea";

type Control = HTMLInputElement | HTMLTextAreaElement;

/** The problems of a template as typed: blank is required, then the template's own. */
export function liveProblems(kind: TemplateKind, text: string): string[] {
  return text.trim() === "" ? ["Required"] : templateProblems(kind, text);
}

/** Tracks the last field used in a form, and inserts a tag at its cursor. */
export function useInsertion<F extends string>(first: F, values: Record<F, string>, set: (field: F, value: string) => void) {
  const refs = useRef<Partial<Record<F, Control | null>>>({});
  const [active, setActive] = useState<F>(first);
  const [said, setSaid] = useState("");

  function insert(tag: string, label: string) {
    const el = refs.current[active];
    const value = values[active];
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    set(active, value.slice(0, start) + tag + value.slice(end));
    setSaid(`Inserted ${tag} into ${label}.`);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + tag.length, start + tag.length);
    });
  }

  const bind = (field: F) => ({
    ref: (el: Control | null) => {
      refs.current[field] = el;
    },
    onFocus: () => setActive(field),
  });

  return { active, insert, bind, said };
}

type PlaceholdersProps = {
  placeholders: Record<string, string>;
  /** The field a click inserts into, said on each button. */
  target: string;
  onInsert: (tag: string) => void;
  said: string;
  id: string;
};

export function PlaceholderButtons({ placeholders, target, onInsert, said, id }: PlaceholdersProps) {
  return (
    <fieldset className="min-w-0 space-y-2">
      <legend id={`${id}-label`} className="text-[13px] font-medium text-ink">
        Placeholders <span className="font-normal text-ink-muted">· insert at the cursor in {target}</span>
      </legend>
      <ul className="flex flex-wrap gap-1.5">
        {Object.entries(placeholders).map(([name, meaning]) => (
          <li key={name}>
            <button
              type="button"
              onClick={() => onInsert(`{{${name}}}`)}
              title={meaning}
              aria-label={`Insert {{${name}}}, ${meaning}, into ${target}`}
              className="rounded-md border border-line-strong bg-canvas px-2 py-1 font-mono text-xs text-ink hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
            >
              {`{{${name}}}`}
            </button>
          </li>
        ))}
      </ul>
      <details className="text-[13px] text-ink-muted">
        <summary className="cursor-pointer rounded-md hover:text-ink focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent">
          What each placeholder is replaced by
        </summary>
        <dl className="mt-1.5 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          {Object.entries(placeholders).map(([name, meaning]) => (
            <div key={name} className="contents">
              <dt className="font-mono text-xs text-ink">{`{{${name}}}`}</dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
      </details>
      <p aria-live="polite" className="sr-only">
        {said}
      </p>
    </fieldset>
  );
}

type TemplateFieldProps = {
  id: string;
  label: string;
  kind: TemplateKind;
  value: string;
  onChange: (value: string) => void;
  /** The save's refusal for this field, shown when the text as typed has no problem of its own. */
  serverProblem?: string;
  bind: { ref: (el: Control | null) => void; onFocus: () => void };
  multiline?: boolean;
  rows?: number;
  mono?: boolean;
  maxLength: number;
  hint?: string;
};

export function TemplateField({
  id,
  label,
  kind,
  value,
  onChange,
  serverProblem,
  bind,
  multiline,
  rows = 6,
  mono,
  maxLength,
  hint,
}: TemplateFieldProps) {
  const live = liveProblems(kind, value);
  const message = live.length ? live.map(humanize).join(" ") : serverProblem;
  const common = {
    id,
    value,
    maxLength,
    spellCheck: !mono,
    invalid: !!message,
    "aria-describedby": message || hint ? `${id}-help` : undefined,
    onFocus: bind.onFocus,
    className: mono ? "font-mono text-[13px]" : undefined,
  };
  return (
    <Field id={id} label={label} error={message} hint={hint}>
      {multiline ? (
        <Textarea {...common} ref={bind.ref} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <Input {...common} ref={bind.ref} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}
