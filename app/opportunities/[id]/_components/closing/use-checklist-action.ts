"use client";

// One checklist control's write: pending while it runs, the refusal beside the control, and the page
// refreshed after it (the server action revalidated the deal page; router.refresh shows it).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionError, ActionResult } from "@/src/http/action-result";
import { reachAction } from "@/src/http/reach-action";
import type { ChecklistKind } from "@/src/domain/closing/checklist";
import type { ChecklistAction, ChecklistResponse } from "@/src/schemas/closing";
import { actOnChecklist, addChecklistContact } from "../../../_actions/checklist-actions";

export function useChecklistAction(dealId: string) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);

  function run(call: () => Promise<ActionResult<ChecklistResponse>>, onDone?: (checklist: ChecklistResponse) => void) {
    setError(null);
    startTransition(async () => {
      const result = await reachAction(call());
      if (result.ok) onDone?.(result.data);
      else setError(result.error);
      // A refusal says the item moved on (sent by someone else, delivered meanwhile): show it as it is.
      if (result.ok || result.error.code === "CONFLICT") router.refresh();
    });
  }

  return {
    pending,
    error,
    clearError: () => setError(null),
    act: (item: ChecklistKind, action: ChecklistAction, onDone?: (checklist: ChecklistResponse) => void) =>
      run(() => actOnChecklist({ id: dealId, item, action }), onDone),
    addContact: (contact: { name: string; email: string }, onDone?: (checklist: ChecklistResponse) => void) =>
      run(() => addChecklistContact({ id: dealId, contact }), onDone),
  };
}
