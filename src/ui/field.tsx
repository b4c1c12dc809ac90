import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

export const inputBase =
  "block w-full rounded-lg border bg-surface px-3 text-sm text-ink shadow-xs placeholder:text-ink-subtle " +
  "transition-colors focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent " +
  "disabled:bg-zinc-50 disabled:text-ink-subtle";

type InputProps = ComponentProps<"input"> & { invalid?: boolean };

export function Input({ invalid, className, ...props }: InputProps) {
  return (
    <input
      aria-invalid={invalid || undefined}
      className={cx(inputBase, "h-10", invalid ? "border-red-500" : "border-line-strong hover:border-zinc-400", className)}
      {...props}
    />
  );
}

type FieldProps = {
  /** The id of the control inside, which the label points at. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  children: ReactNode;
  className?: string;
};

/** A label, a control, and the hint or error text below it. The control gets `${id}-help` for aria-describedby. */
export function Field({ id, label, hint, error, children, className }: FieldProps) {
  return (
    <div className={cx("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-help`} className="text-[13px] text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-help`} className="text-[13px] text-ink-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type TextFieldProps = Omit<InputProps, "id" | "invalid"> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
};

/** The common case: a labelled text input with its hint or error. */
export function TextField({ id, label, hint, error, className, ...props }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <Input id={id} invalid={!!error} aria-describedby={error || hint ? `${id}-help` : undefined} {...props} />
    </Field>
  );
}
