"use client";

// A typical plan to start from: the suggested steps counted back from the decision date, each
// owned by the deal's owner until someone else is chosen. Nothing is saved until "Save plan".
import { useState } from "react";
import type { ClosePlanResponse } from "@/src/schemas/opportunities";
import type { Person } from "@/src/server/opportunity-page/people";
import { Button } from "@/src/ui/button";
import { Input } from "@/src/ui/field";
import { TrashIcon } from "@/src/ui/icons";
import { OwnerPicker, type StepDraft } from "./plan-step-form";

type Props = {
  suggested: ClosePlanResponse["suggested"];
  people: Person[];
  dealOwnerId: string;
  pending: boolean;
  error?: string;
  onSave: (steps: StepDraft[]) => void;
  onCancel: () => void;
};

export function SuggestedPlan({ suggested, people, dealOwnerId, pending, error, onSave, onCancel }: Props) {
  const [steps, setSteps] = useState<StepDraft[]>(() =>
    suggested.map((s) => ({ title: s.title, dueDate: s.dueDate, ownerUserId: dealOwnerId, ownerName: "", done: false })),
  );
  const update = (i: number, s: StepDraft) => setSteps((all) => all.map((x, j) => (j === i ? s : x)));
  return (
    <div className="p-5">
      <p className="text-sm text-ink-muted">Review the suggested steps: change titles, owners and dates to match this buyer, then save.</p>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[560px] text-left text-sm">
          <caption className="sr-only">Suggested close plan</caption>
          <thead className="text-[13px] text-ink-muted">
            <tr>
              <th scope="col" className="pb-2 font-medium">
                Step
              </th>
              <th scope="col" className="w-52 pb-2 pl-3 font-medium">
                Owner
              </th>
              <th scope="col" className="w-40 pb-2 pl-3 font-medium">
                Due
              </th>
              <th scope="col" className="w-10 pb-2">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody className="align-top">
            {steps.map((s, i) => (
              <tr key={`${s.title}|${s.dueDate}`}>
                <td className="py-1.5">
                  <Input
                    aria-label={`Step ${i + 1}`}
                    className="h-8 text-[13px]"
                    value={s.title}
                    onChange={(e) => update(i, { ...s, title: e.target.value })}
                  />
                </td>
                <td className="py-1.5 pl-3">
                  <OwnerPicker
                    id={`suggested-owner-${i}`}
                    aria-label={`Owner of step ${i + 1}`}
                    people={people}
                    step={s}
                    onChange={(n) => update(i, n)}
                    compact
                  />
                </td>
                <td className="py-1.5 pl-3">
                  <Input
                    aria-label={`Due date of step ${i + 1}`}
                    type="date"
                    className="h-8 text-[13px]"
                    value={s.dueDate ?? ""}
                    onChange={(e) => update(i, { ...s, dueDate: e.target.value || null })}
                  />
                </td>
                <td className="py-1.5 pl-1">
                  <button
                    type="button"
                    aria-label={`Remove step ${i + 1}`}
                    onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
                    className="flex size-8 items-center justify-center rounded-md text-ink-subtle hover:bg-zinc-100 hover:text-ink"
                  >
                    <TrashIcon className="size-4" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error ? (
        <p role="alert" className="mt-3 text-[13px] text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-4 flex gap-2">
        <Button onClick={() => onSave(steps)} disabled={pending || steps.length === 0}>
          {pending ? "Saving…" : "Save plan"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Discard
        </Button>
      </div>
    </div>
  );
}
