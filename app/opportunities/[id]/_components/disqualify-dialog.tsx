"use client";

// A first-stage deal that goes nowhere is archived with a reason: not a loss, not in win rates.
import { useState } from "react";
import type { ActionError } from "@/src/http/action-result";
import { disqualifyDeal } from "../../_actions/deal-actions";
import { useDeal } from "./deal-context";
import { Area, FormDialog } from "./form-dialog";
import { FormError } from "../../_kit/form-error";

export function DisqualifyDialog({ onClose }: { onClose: () => void }) {
  const { run, announce } = useDeal();
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  async function disqualify() {
    setPending(true);
    const result = await run(disqualifyDeal, { reason });
    setPending(false);
    if (!result.ok) return setError(result.error);
    announce("Deal disqualified.");
    onClose();
  }
  return (
    <FormDialog
      title="Disqualify this deal"
      description="A first-stage deal that goes nowhere is archived with a reason. It is not a loss and does not count in win rates."
      submit="Disqualify"
      tone="danger"
      pending={pending}
      onClose={onClose}
      onSubmit={() => void disqualify()}
    >
      <Area
        id="disqualify-reason"
        label="Why is it disqualified?"
        field="reason"
        error={error}
        value={reason}
        onChange={setReason}
        placeholder="e.g. No budget this year and no project behind the first meeting"
      />
      <FormError error={error} claimed={["reason"]} />
    </FormDialog>
  );
}
