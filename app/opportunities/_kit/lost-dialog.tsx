"use client";

// Closing a deal as lost, from the board or the deal page: why we lost (a category and an
// explanation), to whom, and what was missing. "None" is a box to tick, stored as the one word the
// rule reads (NONE); a blank is refused here by the same rule the engine applies, before sending.
import { useId, useState, type ReactNode } from "react";
import type { LossCategory } from "@/src/domain/closing/loss-categories";
import { lostFieldProblems, NONE, type LostFields } from "@/src/domain/moves/closed-lost";
import type { ActionError } from "@/src/http/action-result";
import { Button } from "@/src/ui/button";
import { Dialog } from "@/src/ui/dialog";
import { Field, Input } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { Textarea } from "@/src/ui/textarea";
import { problemFor } from "../_lib/problems";
import { FormError } from "./form-error";

type Props = {
  /** The loss categories from the settings (src/server/closing/closing-settings.ts): only active ones are offered. */
  categories: readonly LossCategory[];
  title: string;
  description: ReactNode;
  pending?: boolean;
  /** The server's refusal of the last try, shown beside the fields it names. */
  error?: ActionError | null;
  onSubmit: (lost: LostFields) => void;
  onClose: () => void;
};

type Noneable = "competitor" | "missingFunctionality";
const CLAIMED = ["lost.reasonCategory", "lost.explanation", "lost.competitor", "lost.missingFunctionality"];

type NoneableProps = {
  id: string;
  label: string;
  noneLabel: string;
  value: string;
  isNone: boolean;
  problem?: string;
  multiline?: boolean;
  onValue: (v: string) => void;
  onNone: (on: boolean) => void;
};

/** A text that may honestly be none: the box says so, so nobody leaves it blank by accident. */
function NoneableText({ id, label, noneLabel, value, isNone, problem, multiline, onValue, onNone }: NoneableProps) {
  const common = { id, value: isNone ? "" : value, disabled: isNone, invalid: !!problem, "aria-describedby": problem ? `${id}-help` : undefined };
  return (
    <Field id={id} label={label} error={problem}>
      {multiline ? (
        <Textarea {...common} rows={2} maxLength={2000} onChange={(e) => onValue(e.target.value)} />
      ) : (
        <Input {...common} maxLength={200} onChange={(e) => onValue(e.target.value)} />
      )}
      <label className="flex items-center gap-2 pt-1 text-[13px] text-ink-muted">
        <input type="checkbox" checked={isNone} onChange={(e) => onNone(e.target.checked)} className="size-4 accent-[var(--color-accent)]" />
        {noneLabel}
      </label>
    </Field>
  );
}

export function LostDialog({ categories, title, description, pending, error, onSubmit, onClose }: Props) {
  const id = useId();
  const active = categories.filter((c) => !c.retired);
  const [lost, setLost] = useState<LostFields>({ reasonCategory: "", explanation: "", competitor: "", missingFunctionality: "" });
  const [none, setNone] = useState<Record<Noneable, boolean>>({ competitor: false, missingFunctionality: false });
  const [blank, setBlank] = useState<ActionError | null>(null);
  const shown = blank ?? error;
  const problem = (field: keyof LostFields) => problemFor(shown, `lost.${field}`);
  const set = (key: keyof LostFields) => (value: string) => setLost((l) => ({ ...l, [key]: value }));
  const noneFor = (key: Noneable) => (on: boolean) => setNone((n) => ({ ...n, [key]: on }));

  function submit() {
    const answer = (key: Noneable) => (none[key] ? NONE : lost[key].trim());
    const filled = {
      reasonCategory: lost.reasonCategory,
      explanation: lost.explanation.trim(),
      competitor: answer("competitor"),
      missingFunctionality: answer("missingFunctionality"),
    };
    const fields = lostFieldProblems(
      filled,
      active.map((c) => c.key),
    );
    setBlank(fields.length ? { code: "VALIDATION_FAILED", message: "Closed Lost needs every answer.", details: { fields } } : null);
    if (!fields.length) onSubmit(filled);
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={title}
      description={description}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={id} variant="danger" disabled={pending}>
            {pending ? "Saving…" : "Close as lost"}
          </Button>
        </>
      }
    >
      <form
        id={id}
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field id={`${id}-category`} label="Why we lost" error={problem("reasonCategory")}>
          <Select
            id={`${id}-category`}
            value={lost.reasonCategory}
            onChange={(e) => set("reasonCategory")(e.target.value)}
            invalid={!!problem("reasonCategory")}
            aria-describedby={problem("reasonCategory") ? `${id}-category-help` : undefined}
          >
            <option value="">Choose a reason…</option>
            {active.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-explanation`} label="Explanation" error={problem("explanation")}>
          <Textarea
            id={`${id}-explanation`}
            rows={3}
            maxLength={2000}
            value={lost.explanation}
            onChange={(e) => set("explanation")(e.target.value)}
            invalid={!!problem("explanation")}
            aria-describedby={problem("explanation") ? `${id}-explanation-help` : undefined}
            placeholder="What happened, in the buyer's words if you have them"
          />
        </Field>
        <NoneableText
          id={`${id}-competitor`}
          label="Lost to competitor"
          noneLabel="No competitor"
          value={lost.competitor}
          isNone={none.competitor}
          problem={problem("competitor")}
          onValue={set("competitor")}
          onNone={noneFor("competitor")}
        />
        <NoneableText
          id={`${id}-missing`}
          label="Missing functionality"
          noneLabel="Nothing was missing"
          value={lost.missingFunctionality}
          isNone={none.missingFunctionality}
          problem={problem("missingFunctionality")}
          onValue={set("missingFunctionality")}
          onNone={noneFor("missingFunctionality")}
          multiline
        />
        <FormError error={shown} claimed={CLAIMED} />
      </form>
    </Dialog>
  );
}
