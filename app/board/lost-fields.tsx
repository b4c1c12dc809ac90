"use client";

import { useState } from "react";
import type { LostFields } from "@/src/domain/moves/closed-lost";
import { Field, Input } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { Textarea } from "@/src/ui/textarea";
import { LOST_CATEGORIES } from "../opportunities/_lib/labels";

/** A text answer, or an explicit "none": Closed Lost asks for both, so "none" is a choice, not a blank. */
function NoneableField({ id, label, none, value, isNone, onValue, onNone, multiline }: {
  id: string; label: string; none: string; value: string; isNone: boolean; onValue: (v: string) => void; onNone: (v: boolean) => void; multiline?: boolean;
}) {
  const control = { id, required: !isNone, disabled: isNone, value: isNone ? "" : value, onChange: (e: { currentTarget: { value: string } }) => onValue(e.currentTarget.value) };
  return (
    <Field id={id} label={label}>
      {multiline ? <Textarea {...control} rows={2} maxLength={2000} /> : <Input {...control} maxLength={200} />}
      <label className="flex items-center gap-2 text-[13px] text-ink-muted">
        <input type="checkbox" checked={isNone} onChange={(e) => onNone(e.currentTarget.checked)} className="size-4 accent-accent" />
        {none}
      </label>
    </Field>
  );
}

/** Closed Lost's fields (docs/rules/moves.md, "Closed Lost"): why we lost (category and explanation), competitor, missing functionality. */
export function LostFieldsForm({ id, onSubmit }: { id: string; onSubmit: (lost: LostFields) => void }) {
  const [lost, setLost] = useState<LostFields>({ reasonCategory: "", explanation: "", competitor: "", missingFunctionality: "" });
  const [none, setNone] = useState({ competitor: false, missingFunctionality: false });
  const set = (key: keyof LostFields) => (value: string) => setLost((l) => ({ ...l, [key]: value }));
  const noneFor = (key: keyof typeof none) => (value: boolean) => setNone((n) => ({ ...n, [key]: value }));
  return (
    <form
      id={id}
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          reasonCategory: lost.reasonCategory,
          explanation: lost.explanation.trim(),
          competitor: none.competitor ? "none" : lost.competitor.trim(),
          missingFunctionality: none.missingFunctionality ? "none" : lost.missingFunctionality.trim(),
        });
      }}
    >
      <Field id={`${id}-category`} label="Why we lost">
        <Select id={`${id}-category`} required value={lost.reasonCategory} onChange={(e) => set("reasonCategory")(e.currentTarget.value)}>
          <option value="" disabled>
            Choose a reason
          </option>
          {Object.entries(LOST_CATEGORIES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${id}-explanation`} label="What happened">
        <Textarea id={`${id}-explanation`} required rows={3} maxLength={2000} value={lost.explanation} onChange={(e) => set("explanation")(e.currentTarget.value)} />
      </Field>
      <NoneableField id={`${id}-competitor`} label="Lost to competitor" none="No competitor" value={lost.competitor} isNone={none.competitor} onValue={set("competitor")} onNone={noneFor("competitor")} />
      <NoneableField
        id={`${id}-missing`}
        label="Missing functionality"
        none="No missing functionality"
        value={lost.missingFunctionality}
        isNone={none.missingFunctionality}
        onValue={set("missingFunctionality")}
        onNone={noneFor("missingFunctionality")}
        multiline
      />
    </form>
  );
}
