"use client";

// A `field` criterion: the deal field it looks at, filled in place. Contacts have their own form;
// the close date and why we won are set elsewhere (the deal's details, Closed Won).
import { useId, useState } from "react";
import { valueMeets } from "@/src/domain/criteria/is-satisfied";
import type { CriterionField, ExitCriterion } from "@/src/domain/process/types";
import { Button } from "@/src/ui/button";
import { Input } from "@/src/ui/field";
import { Textarea } from "@/src/ui/textarea";
import { updateDeal } from "../../_actions/deal-actions";
import { numberOrNull, problemFor } from "../../_lib/problems";
import { useFix } from "../use-fix";
import { FixerMessage } from "./fixer-message";
import type { FixerProps } from "./fixer-types";

type FieldCriterion = Extract<ExitCriterion, { type: "field" }>;
type Editable = Exclude<CriterionField, "contacts" | "whyWon" | "closeDate">;
type Editor = { name: string; kind: "text" | "textarea" | "number" | "date"; placeholder?: string; payload: (raw: string) => string | number | null };

const text = (raw: string) => raw.trim();
const EDITORS: Record<Editable, Editor> = {
  amount: { name: "amount", kind: "number", payload: (v) => numberOrNull(v) ?? "" },
  nextStep: { name: "next step", kind: "text", placeholder: "The next thing that will happen, with whom", payload: text },
  nextStepDue: { name: "next step's date", kind: "date", payload: (v) => v || null },
  buyingProcess: {
    name: "buying process",
    kind: "textarea",
    placeholder: "Who signs, who else has a say, and the steps to a purchase order",
    payload: text,
  },
  decisionCriteria: { name: "decision criteria", kind: "textarea", placeholder: "What the buyer will judge the proposals on", payload: text },
  years: { name: "contract years", kind: "number", payload: numberOrNull },
  users: { name: "users", kind: "number", payload: numberOrNull },
};

export const isEditableField = (field: CriterionField): field is Editable => field in EDITORS;

function conditionHint(c: FieldCriterion): string | null {
  if (c.condition.op === "gt") return `Must be more than ${c.condition.value}.`;
  if (c.condition.op === "equals") return `Must be ${String(c.condition.value)}.`;
  return null;
}

export function FieldFixer({ deal, unmet, done, onFixed, criterion, field }: FixerProps & { criterion: FieldCriterion; field: Editable }) {
  const editor = EDITORS[field];
  const [value, setValue] = useState(deal.values[field] ?? "");
  const fix = useFix();
  const id = useId();
  const problem = problemFor(fix.error, field);
  const hint = conditionHint(criterion);
  const message = problem ?? (fix.error ? fix.message : null);

  const common = {
    id,
    value,
    disabled: fix.pending,
    invalid: !!problem,
    "aria-describedby": message || hint ? `${id}-msg` : undefined,
    onChange: (e: { currentTarget: { value: string } }) => setValue(e.currentTarget.value),
  };
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const sent = editor.payload(value);
        fix.run(updateDeal, { [field]: sent }, () => {
          // Saved is not met: "Amount estimated" is more than 0, and 0 saves.
          const met = criterion.condition.op !== "has_contact_role" && valueMeets(sent, criterion.condition);
          onFixed(met, `${unmet.label}: saved.`);
          // The control was disabled while saving, which dropped the focus: it goes back to it.
          requestAnimationFrame(() => document.getElementById(id)?.focus());
        });
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {unmet.label}
      </label>
      <div className="flex items-start gap-2">
        {editor.kind === "textarea" ? (
          <Textarea {...common} rows={2} maxLength={5000} placeholder={editor.placeholder} className="flex-1" />
        ) : (
          <Input
            {...common}
            type={editor.kind === "date" ? "date" : "text"}
            inputMode={editor.kind === "number" ? "decimal" : undefined}
            placeholder={editor.placeholder}
            className="flex-1"
          />
        )}
        <Button type="submit" variant="secondary" disabled={fix.pending || !value.trim()}>
          {fix.pending ? "Saving…" : `Save ${editor.name}`}
        </Button>
      </div>
      {message || !hint ? (
        <FixerMessage id={`${id}-msg`} error={message} success={done ? "Saved on the deal." : null} />
      ) : (
        <p id={`${id}-msg`} className="text-[13px] text-ink-muted">
          {hint}
        </p>
      )}
    </form>
  );
}
