"use client";

// The pieces of the new deal form: titled sections, labelled fields with their error, and the
// deal type with the number the contract is named by.
import { useId, type ComponentProps, type ReactNode } from "react";
import { cx } from "@/src/ui/cx";
import { Field, Input } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { Textarea } from "@/src/ui/textarea";
import type { Draft } from "./new-deal-form";

/** A group of fields; the visible title is the legend's twin, laid out beside the fields. */
export function FormSection({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset aria-describedby={`${id}-desc`} className="border-b border-line px-6 py-6 last-of-type:border-b-0">
      <legend className="sr-only">{title}</legend>
      <div className="grid gap-x-8 gap-y-3 md:grid-cols-[12rem_1fr]">
        <div>
          <p aria-hidden="true" className="text-sm font-semibold text-ink">
            {title}
          </p>
          <p id={`${id}-desc`} className="mt-1 text-[13px] leading-relaxed text-ink-muted">
            {description}
          </p>
        </div>
        <div className="grid content-start gap-4 sm:grid-cols-2">{children}</div>
      </div>
    </fieldset>
  );
}

type FieldProps = Omit<ComponentProps<"input">, "onChange" | "value"> & {
  field: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  suffix?: string;
  as?: "input" | "select" | "textarea";
  options?: { value: string; label: string }[];
};

export function FormField({
  field,
  label,
  value,
  onChange,
  error,
  hint,
  suffix,
  as = "input",
  options = [],
  className,
  required,
  ...rest
}: FieldProps) {
  const id = `new-${field}`;
  const described = error || hint ? `${id}-help` : undefined;
  const common = { id, name: field, invalid: !!error, "aria-describedby": described, "aria-required": required || undefined };
  return (
    <Field
      id={id}
      className={className}
      error={error}
      hint={hint}
      label={
        <>
          {label}
          {required ? (
            <span className="text-ink-subtle" aria-hidden="true">
              {" "}
              *
            </span>
          ) : null}
        </>
      }
    >
      {as === "select" ? (
        <Select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      ) : as === "textarea" ? (
        <Textarea {...common} rows={3} value={value} onChange={(e) => onChange(e.target.value)} placeholder={rest.placeholder} />
      ) : (
        <div className="flex items-center gap-2">
          <Input {...common} {...rest} value={value} onChange={(e) => onChange(e.target.value)} />
          {suffix ? <span className="shrink-0 text-sm whitespace-nowrap text-ink-muted">{suffix}</span> : null}
        </div>
      )}
    </Field>
  );
}

type TypeProps = { draft: Draft; set: (f: keyof Draft) => (v: string) => void; yearsError?: string; usersError?: string };

export function DealTypeField({ draft, set, yearsError, usersError }: TypeProps) {
  const choice = (value: "new" | "expansion", title: string, detail: string) => (
    <label
      className={cx(
        "flex cursor-pointer gap-3 rounded-lg border px-4 py-3 transition-colors",
        draft.type === value ? "border-accent bg-accent-soft/60 ring-1 ring-accent" : "border-line-strong hover:border-zinc-400",
      )}
    >
      <input
        type="radio"
        name="type"
        value={value}
        checked={draft.type === value}
        onChange={() => set("type")(value)}
        className="mt-0.5 size-4 accent-[var(--color-accent)]"
      />
      <span>
        <span className="block text-sm font-medium text-ink">{title}</span>
        <span className="block text-[13px] text-ink-muted">{detail}</span>
      </span>
    </label>
  );
  return (
    <>
      <div className="grid gap-3 sm:col-span-2 sm:grid-cols-2">
        {choice("new", "New customer", "A company that does not buy from us yet")}
        {choice("expansion", "Expansion", "More users or products for a customer")}
      </div>
      {draft.type === "new" ? (
        <FormField
          field="years"
          label="Contract years"
          inputMode="numeric"
          suffix="years"
          value={draft.years}
          onChange={set("years")}
          error={yearsError}
          hint="Optional: otherwise the term in months, rounded up."
        />
      ) : (
        <FormField
          field="users"
          label="Users"
          inputMode="numeric"
          suffix="users"
          value={draft.users}
          onChange={set("users")}
          error={usersError}
          hint="Needed to name the signed contract."
        />
      )}
    </>
  );
}

type YesNoProps = { field: string; label: string; value: string; onChange: (v: string) => void; error?: string };

/** A yes/no question: Yes, No, or left unanswered. */
export function YesNoField({ field, label, value, onChange, error }: YesNoProps) {
  const id = `new-${field}`;
  return (
    <fieldset id={id} aria-describedby={error ? `${id}-help` : undefined} className="sm:col-span-2">
      <legend className="text-sm font-medium text-ink">{label}</legend>
      <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
        {[
          { value: "true", label: "Yes" },
          { value: "false", label: "No" },
          { value: "", label: "Not answered" },
        ].map((o) => (
          <label key={o.value} className="inline-flex items-center gap-2 text-sm text-ink">
            <input
              type="radio"
              name={field}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              aria-invalid={error ? true : undefined}
              className="size-4 accent-[var(--color-accent)]"
            />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-help`} className="mt-1.5 text-[13px] text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
