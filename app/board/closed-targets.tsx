"use client";

import type { ComponentType } from "react";
import { cx } from "@/src/ui/cx";
import { formatMoney } from "@/src/ui/format";
import { TrophyIcon, XCircleIcon } from "@/src/ui/icons";
import type { DropProps } from "./board-parts";
import type { ClosedState } from "./board-state";

export type ClosedTargetProps = DropProps & { target: ClosedState; currency: string; period: string; canMove: boolean };

/** Closed Won or Closed Lost: a drop target (`dropRef`) with the deals closed so in the period, not a list. */
export function ClosedTarget({ target, currency, period, canMove, dropRef, isOver }: ClosedTargetProps) {
  const isWon = target.kind === "won";
  const headingId = `column-${target.key}`;
  return (
    <section
      ref={dropRef}
      aria-labelledby={headingId}
      data-stage={target.key}
      data-drop-over={isOver ? "true" : undefined}
      className={cx(
        "flex flex-1 flex-col items-center justify-center rounded-xl border-2 border-dashed px-3 py-5 text-center transition-colors",
        isWon ? "border-emerald-200 bg-emerald-50/50" : "border-red-200 bg-red-50/40",
        isOver && (isWon ? "border-emerald-500 bg-emerald-100/70" : "border-red-500 bg-red-100/60"),
      )}
    >
      <span
        className={cx("flex size-9 items-center justify-center rounded-full", isWon ? "bg-emerald-100 text-emerald-700" : "bg-red-100 text-red-700")}
      >
        {isWon ? <TrophyIcon className="size-5" /> : <XCircleIcon className="size-5" />}
      </span>
      <h2 id={headingId} className="mt-2 text-sm font-semibold text-ink">
        {target.name}
      </h2>
      <p className="mt-1 text-xl font-semibold tracking-tight text-ink tabular-nums">
        {target.count.toLocaleString("en-US")}
        <span className="sr-only"> {target.count === 1 ? "deal" : "deals"}</span>
      </p>
      <p className="text-xs text-ink-muted tabular-nums">
        {formatMoney(target.amountCents, currency, { compact: true })} {isWon ? "won" : "lost"} {period}
      </p>
      {canMove ? (
        <p className="mt-2.5 text-[11.5px] leading-snug text-ink-subtle">Drop a deal here to close it {isWon ? "as won" : "as lost"}</p>
      ) : null}
    </section>
  );
}

type TargetsProps = Omit<ClosedTargetProps, "target" | keyof DropProps> & {
  targets: ClosedState[];
  /** How a target is drawn: a drop target once drag and drop is loaded (board-parts.ts). */
  Target: ComponentType<ClosedTargetProps>;
};

export function ClosedTargets({ targets, Target, ...rest }: TargetsProps) {
  return (
    <div className="flex w-44 shrink-0 snap-start flex-col gap-3">
      {targets.map((t) => (
        <Target key={t.key} target={t} {...rest} />
      ))}
    </div>
  );
}
