"use client";

// The frame of the closing dialogs: a form inside a Dialog with Cancel and the main action, and
// a labelled textarea whose error comes from the server's field problems.
import type { FormEvent, ReactNode } from "react";
import type { ActionError } from "@/src/http/action-result";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { Field } from "@/src/ui/field";
import { Textarea } from "@/src/ui/textarea";
import { problemFor } from "../../_lib/problems";

type Shell = {
  title: string;
  description: ReactNode;
  submit: string;
  pending: boolean;
  tone?: "danger";
  onClose: () => void;
  children: ReactNode;
  /** Under the form, outside it: what holds forms of its own (the fixers of unmet criteria). */
  after?: ReactNode;
  onSubmit: () => void;
  size?: "md" | "lg";
};

export function FormDialog({ title, description, submit, pending, tone, onClose, children, after, onSubmit, size }: Shell) {
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={title}
      description={description}
      size={size}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="close-form" variant={tone === "danger" ? "danger" : "primary"} disabled={pending}>
            {pending ? "Saving…" : submit}
          </Button>
        </>
      }
    >
      <form
        id="close-form"
        noValidate
        className="space-y-4"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
      {after}
    </Dialog>
  );
}

export function Area({
  id,
  label,
  field,
  error,
  value,
  onChange,
  hint,
  placeholder,
}: {
  id: string;
  label: string;
  field: string;
  error: ActionError | null;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  placeholder?: string;
}) {
  const problem = problemFor(error, field);
  return (
    <Field id={id} label={label} error={problem} hint={hint}>
      <Textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        invalid={!!problem}
        aria-describedby={problem || hint ? `${id}-help` : undefined}
        placeholder={placeholder}
      />
    </Field>
  );
}
