"use client";

// The one form that re-opens a lost deal: a stage (Qualify or a later open stage) and a reason. The
// deal page's move dialog and a Raise the Dead play's controls both show it; each passes how it sends
// (a move, or the play's re-open action) and where the reason's problem is reported.
import { useState } from "react";
import type { ActionError } from "@/src/http/action-result";
import { Field } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { Area, FormDialog } from "../[id]/_components/form-dialog";
import { FormError } from "./form-error";

export type ReopenStage = { key: string; name: string };

type Props = {
  /** Prefix of the fields' ids, unique on the page. */
  idPrefix: string;
  description: string;
  /** Where the deal may re-open, the first chosen unless `initial` names one of them. */
  stages: ReopenStage[];
  initial?: string;
  /** The field the server names for a problem with the reason ("reason" for a move, "action.reason" for a play). */
  reasonField: string;
  error: ActionError | null;
  pending: boolean;
  onClose: () => void;
  onReopen: (request: { toStage: string; reason: string }, stageName: string) => void;
};

export function ReopenForm({ idPrefix, description, stages, initial, reasonField, error, pending, onClose, onReopen }: Props) {
  const [toStage, setToStage] = useState(stages.some((s) => s.key === initial) ? initial! : (stages[0]?.key ?? ""));
  const [reason, setReason] = useState("");
  const name = stages.find((s) => s.key === toStage)?.name ?? "";
  return (
    <FormDialog
      title="Re-open this deal"
      description={description}
      submit={`Re-open in ${name}`}
      pending={pending}
      onClose={onClose}
      onSubmit={() => onReopen({ toStage, reason }, name)}
    >
      <Field id={`${idPrefix}-stage`} label="Re-open in stage">
        <Select id={`${idPrefix}-stage`} value={toStage} onChange={(e) => setToStage(e.target.value)}>
          {stages.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <Area
        id={`${idPrefix}-reason`}
        label="Why is it re-opened?"
        field={reasonField}
        error={error}
        value={reason}
        onChange={setReason}
        placeholder="e.g. New budget approved for next quarter"
      />
      <FormError error={error} claimed={[...new Set([reasonField, "reason", "toStage"])]} />
    </FormDialog>
  );
}
