"use client";

import { useState } from "react";
import { valueMeets } from "@/src/domain/criteria/is-satisfied";
import type { CriterionField, ExitCriterion } from "@/src/domain/process/types";
import { Button } from "@/src/ui/button";
import { Input } from "@/src/ui/field";
import { Textarea } from "@/src/ui/textarea";
import { updateFields } from "../actions";
import { useFix } from "../use-fix";
import { ContactFixer } from "./contact-fixer";
import { FixerMessage } from "./fixer-message";
import { fixerId, type FixerProps } from "./fixer-types";
import { DealPageLink } from "./link-fixer";

type FieldCriterion = Extract<ExitCriterion, { type: "field" }>;

const CONTROLS: Partial<Record<CriterionField, { kind: "textarea" | "text" | "date" | "number"; placeholder?: string }>> = {
  buyingProcess: { kind: "textarea", placeholder: "Who signs, who else has a say, and the steps to a purchase order" },
  decisionCriteria: { kind: "textarea", placeholder: "What the buyer will judge the proposals on" },
  nextStep: { kind: "text", placeholder: "The next thing that will happen, with whom" },
  nextStepDue: { kind: "date" },
  amount: { kind: "number" },
  years: { kind: "number" },
  users: { kind: "number" },
};

function hint(c: FieldCriterion): string | null {
  if (c.condition.op === "gt") return `Must be more than ${c.condition.value}.`;
  if (c.condition.op === "equals") return `Must be ${String(c.condition.value)}.`;
  return null;
}

const valueOf = (field: CriterionField, raw: string) => (CONTROLS[field]?.kind === "number" ? Number(raw) : raw.trim());

/** A `field` criterion: the field it looks at, filled in place (a contact with a role, a text, a date…). */
export function FieldFixer(props: FixerProps & { criterion: FieldCriterion }) {
  const { card, unmet, done, onCard, onFixed, criterion } = props;
  const control = CONTROLS[criterion.field];
  const [value, setValue] = useState(criterion.field === "nextStep" ? card.nextStep : "");
  const fix = useFix(onCard);
  const id = fixerId(unmet);

  if (criterion.field === "contacts") return <ContactFixer {...props} role={criterion.condition.op === "has_contact_role" ? criterion.condition.role : null} />;
  if (!control) return <DealPageLink card={card} label={unmet.label} text="Set it on the deal page" />;

  const help = [hint(criterion), fix.error].filter(Boolean).length ? `${id}-msg` : undefined;
  const common = {
    id,
    value,
    required: true,
    disabled: fix.pending,
    "aria-describedby": help,
    onChange: (e: { currentTarget: { value: string } }) => setValue(e.currentTarget.value),
  };
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        fix.run(
          (version) => updateFields({ id: card.id, version, [criterion.field]: valueOf(criterion.field, value) }),
          (c) => c,
          // Saved is not met: "Amount estimated" is more than 0, and 0 saves.
          () => {
            onFixed(criterion.condition.op === "has_contact_role" || valueMeets(valueOf(criterion.field, value), criterion.condition));
            // The control was disabled while saving, which dropped the focus: it goes back to it.
            requestAnimationFrame(() => document.getElementById(id)?.focus());
          },
        );
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {unmet.label}
      </label>
      <div className="flex items-start gap-2">
        {control.kind === "textarea" ? (
          <Textarea {...common} rows={2} maxLength={5000} placeholder={control.placeholder} className="flex-1" />
        ) : (
          <Input {...common} type={control.kind} min={control.kind === "number" ? 0 : undefined} placeholder={control.placeholder} className="flex-1" />
        )}
        <Button type="submit" variant="secondary" disabled={fix.pending || !value.trim()}>
          {fix.pending ? "Saving…" : done ? "Saved" : "Save"}
        </Button>
      </div>
      {hint(criterion) && !fix.error ? (
        <p id={`${id}-msg`} className="text-[13px] text-ink-muted">
          {hint(criterion)}
        </p>
      ) : (
        <FixerMessage id={`${id}-msg`} error={fix.error} success={done ? "Saved on the deal." : null} />
      )}
    </form>
  );
}
