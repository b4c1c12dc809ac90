"use client";

import type { ReactNode } from "react";
import type { ClosePlanResponse } from "@/src/schemas/opportunities";
import type { Person } from "@/src/server/opportunity-page/people";
import { Badge } from "@/src/ui/badge";
import { cx } from "@/src/ui/cx";
import { PencilIcon, TrashIcon } from "@/src/ui/icons";
import { formatDate } from "../../_lib/format";
import { useDeal } from "./deal-context";

type Step = ClosePlanResponse["steps"][number];

function beforeDecision(days: number | null): string | null {
  if (days === null) return null;
  if (days === 0) return "on the decision date";
  return days > 0 ? `${days} ${days === 1 ? "day" : "days"} before the decision` : `${-days} ${days === -1 ? "day" : "days"} after the decision`;
}

type Props = { step: Step; people: Person[]; busy: boolean; onToggle: (done: boolean) => void; onEdit: () => void; onRemove: () => void };

export function PlanStepRow({ step, people, busy, onToggle, onEdit, onRemove }: Props) {
  const { canEdit } = useDeal();
  const owner = step.ownerUserId
    ? (people.find((p) => p.id === step.ownerUserId)?.name ?? "A Stageline user")
    : step.ownerName.trim()
      ? `${step.ownerName} (buyer)`
      : null;
  const when = beforeDecision(step.daysBeforeDecision);
  return (
    <li className="flex items-start gap-3 px-5 py-3.5" data-step={step.title}>
      {canEdit ? (
        <input
          type="checkbox"
          checked={step.done}
          disabled={busy}
          onChange={(e) => onToggle(e.target.checked)}
          aria-label={`Done: ${step.title}`}
          className="mt-0.5 size-[18px] shrink-0 cursor-pointer accent-[var(--color-accent)]"
        />
      ) : (
        <span aria-hidden="true" className={cx("mt-1 size-3 shrink-0 rounded-full", step.done ? "bg-emerald-600" : "border-2 border-zinc-400")} />
      )}
      <div className="min-w-0 flex-1">
        <p className={cx("text-sm font-medium", step.done ? "text-ink-muted line-through" : "text-ink")}>
          {step.title}
          {step.done ? <span className="sr-only"> (done)</span> : null}
        </p>
        <p className="mt-0.5 text-[13px] text-ink-muted">
          {owner ?? <span className="text-amber-800">No owner</span>}
          {" · "}
          {step.dueDate ? (
            <>
              Due {formatDate(step.dueDate)}
              {when ? <span> · {when}</span> : null}
            </>
          ) : (
            <span className="text-amber-800">No due date</span>
          )}
        </p>
        {step.isOverdue || step.isAfterDecision ? (
          <div className="mt-1.5 flex flex-wrap gap-1.5">
            {step.isOverdue ? <Badge tone="danger">Overdue</Badge> : null}
            {step.isAfterDecision ? <Badge tone="warning">After the decision date</Badge> : null}
          </div>
        ) : null}
      </div>
      {canEdit ? (
        <div className="flex shrink-0 gap-0.5">
          <IconButton label={`Edit ${step.title}`} onClick={onEdit} disabled={busy}>
            <PencilIcon className="size-4" />
          </IconButton>
          <IconButton label={`Remove ${step.title}`} onClick={onRemove} disabled={busy}>
            <TrashIcon className="size-4" />
          </IconButton>
        </div>
      ) : null}
    </li>
  );
}

function IconButton({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className="flex size-8 items-center justify-center rounded-md text-ink-subtle transition-colors hover:bg-zinc-100 hover:text-ink disabled:opacity-50"
    >
      {children}
    </button>
  );
}
