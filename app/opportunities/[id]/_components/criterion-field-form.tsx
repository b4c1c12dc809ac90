"use client";

// Filling in, right in the checklist, the deal field a `field` criterion looks at.
import { useId, useState, type FormEvent } from "react";
import type { CriterionField } from "@/src/domain/process/types";
import type { ActionError } from "@/src/http/action-result";
import type { OpportunityResponse } from "@/src/schemas/opportunities";
import { Button } from "@/src/ui/button";
import { Field, Input } from "@/src/ui/field";
import { Textarea } from "@/src/ui/textarea";
import { generalMessage, numberOrNull, problemFor } from "../../_lib/problems";
import { updateDealAction } from "../actions";
import { useDeal } from "./deal-context";

type Editable = Exclude<CriterionField, "contacts" | "whyWon" | "closeDate">;

const EDITORS: Record<Editable, { label: string; kind: "text" | "textarea" | "number" | "date"; value: (d: OpportunityResponse) => string; payload: (raw: string) => unknown }> = {
  amount: { label: "Amount", kind: "number", value: (d) => String(d.amount), payload: (v) => numberOrNull(v) ?? "" },
  nextStep: { label: "Next step", kind: "text", value: (d) => d.nextStep, payload: (v) => v },
  nextStepDue: { label: "Next step due", kind: "date", value: (d) => d.nextStepDue ?? "", payload: (v) => v || null },
  buyingProcess: { label: "Buying process", kind: "textarea", value: (d) => d.buyingProcess, payload: (v) => v },
  decisionCriteria: { label: "Decision criteria", kind: "textarea", value: (d) => d.decisionCriteria, payload: (v) => v },
  years: { label: "Contract years", kind: "number", value: (d) => (d.years === null ? "" : String(d.years)), payload: numberOrNull },
  users: { label: "Users", kind: "number", value: (d) => (d.users === null ? "" : String(d.users)), payload: numberOrNull },
};

export const isEditableField = (field: CriterionField): field is Editable => field in EDITORS;

export function CriterionFieldForm({ field, deal }: { field: Editable; deal: OpportunityResponse }) {
  const { run, announce } = useDeal();
  const id = useId();
  const editor = EDITORS[field];
  const [value, setValue] = useState(editor.value(deal));
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, setPending] = useState(false);
  const problem = problemFor(error, field);

  async function save(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    const result = await run(updateDealAction, { [field]: editor.payload(value) });
    setPending(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    announce(`${editor.label} saved.`);
  }

  const common = { id, value, invalid: !!problem, "aria-describedby": problem ? `${id}-help` : undefined };
  return (
    <form onSubmit={save} className="space-y-2" noValidate>
      <Field id={id} label={editor.label} error={problem}>
        {editor.kind === "textarea" ? (
          <Textarea {...common} rows={3} onChange={(e) => setValue(e.target.value)} />
        ) : (
          <Input {...common} type={editor.kind === "date" ? "date" : "text"} inputMode={editor.kind === "number" ? "decimal" : undefined} onChange={(e) => setValue(e.target.value)} />
        )}
      </Field>
      {generalMessage(error, [field]) ? (
        <p role="alert" className="text-[13px] text-red-700">
          {generalMessage(error, [field])}
        </p>
      ) : null}
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : `Save ${editor.label.toLowerCase()}`}
      </Button>
    </form>
  );
}
