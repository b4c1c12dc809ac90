"use client";

// One close plan step being written: what, who (one of us, or a named person at the buyer) and when.
import { useId, useState, type FormEvent } from "react";
import type { Person } from "@/src/server/opportunity-page/people";
import { Button } from "@/src/ui/button";
import { Field, Input } from "@/src/ui/field";
import { Select } from "@/src/ui/select";

export type StepDraft = { title: string; ownerUserId: string | null; ownerName: string; dueDate: string | null; done: boolean };

const BUYER = "__buyer";

type OwnerProps = { id: string; people: Person[]; step: StepDraft; onChange: (s: StepDraft) => void; compact?: boolean; "aria-label"?: string };

/** A teammate from the list, or "someone at the buyer" with a free-text name. */
export function OwnerPicker({ id, people, step, onChange, compact, "aria-label": ariaLabel }: OwnerProps) {
  const [isBuyer, setIsBuyer] = useState(!step.ownerUserId && step.ownerName.trim() !== "");
  const value = step.ownerUserId ?? (isBuyer ? BUYER : "");
  return (
    <div className="space-y-2">
      <Select
        id={id}
        aria-label={ariaLabel}
        size={compact ? "sm" : "md"}
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          setIsBuyer(v === BUYER);
          onChange({ ...step, ownerUserId: v && v !== BUYER ? v : null, ownerName: v === BUYER ? step.ownerName : "" });
        }}
      >
        <option value="">No owner yet</option>
        <optgroup label="Our team">
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </optgroup>
        <option value={BUYER}>Someone at the buyer…</option>
      </Select>
      {isBuyer ? (
        <Input
          aria-label="Name of the owner at the buyer"
          className={compact ? "h-8 text-[13px]" : undefined}
          value={step.ownerName}
          maxLength={120}
          placeholder="e.g. Priya (buyer's legal)"
          onChange={(e) => onChange({ ...step, ownerName: e.target.value })}
        />
      ) : null}
    </div>
  );
}

type FormProps = {
  initial: StepDraft;
  people: Person[];
  submitLabel: string;
  pending: boolean;
  error?: string;
  onSubmit: (s: StepDraft) => void;
  onCancel: () => void;
};

export function PlanStepForm({ initial, people, submitLabel, pending, error, onSubmit, onCancel }: FormProps) {
  const id = useId();
  const [step, setStep] = useState(initial);
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(step);
  }
  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
      className="space-y-3 rounded-lg border border-line bg-canvas/60 p-4"
      noValidate
    >
      <Field id={`${id}-title`} label="Step">
        <Input
          id={`${id}-title`}
          autoFocus
          value={step.title}
          maxLength={300}
          onChange={(e) => setStep({ ...step, title: e.target.value })}
          placeholder="e.g. Security review complete"
        />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-owner`} label="Owner">
          <OwnerPicker id={`${id}-owner`} people={people} step={step} onChange={setStep} />
        </Field>
        <Field id={`${id}-due`} label="Due date">
          <Input id={`${id}-due`} type="date" value={step.dueDate ?? ""} onChange={(e) => setStep({ ...step, dueDate: e.target.value || null })} />
        </Field>
      </div>
      {error ? (
        <p role="alert" className="text-[13px] text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
