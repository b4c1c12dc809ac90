"use client";

// A lost deal comes back into the second stage or later, with a reason.
import { useState } from "react";
import { canReopenInto } from "@/src/domain/moves/closed-lost";
import { Field } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { Area, FormDialog } from "./form-dialog";
import { FormError } from "../../_kit/form-error";
import { useMoveSubmit } from "./move-submit";
import type { MoveFacts } from "./moves";

export function ReopenDialog({ facts, initial, onClose }: { facts: MoveFacts; initial?: string; onClose: () => void }) {
  const choices = facts.stages.filter(canReopenInto);
  const [toStage, setToStage] = useState(choices.some((s) => s.key === initial) ? initial! : (choices[0]?.key ?? ""));
  const [reason, setReason] = useState("");
  const { submit, pending, error } = useMoveSubmit(onClose);
  const name = choices.find((s) => s.key === toStage)?.name ?? "";
  return (
    <FormDialog
      title="Re-open this deal"
      description={`A lost deal comes back into ${choices[0]?.name ?? "the second stage"} or a later stage, with a reason.`}
      submit={`Re-open in ${name}`}
      pending={pending}
      onClose={onClose}
      onSubmit={() => void submit({ toStage, reason }, `Re-opened in ${name}.`)}
    >
      <Field id="reopen-stage" label="Re-open in stage">
        <Select id="reopen-stage" value={toStage} onChange={(e) => setToStage(e.target.value)}>
          {choices.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <Area
        id="reopen-reason"
        label="Why is it re-opened?"
        field="reason"
        error={error}
        value={reason}
        onChange={setReason}
        placeholder="e.g. New budget approved for next quarter"
      />
      <FormError error={error} claimed={["reason", "toStage"]} />
    </FormDialog>
  );
}
