"use client";

import { cx } from "@/src/ui/cx";
import { formatMoney } from "@/src/ui/format";
import type { CardComponent, DropProps } from "./board-parts";
import type { ColumnState } from "./board-state";
import { ColumnCards } from "./column-cards";

export type BoardColumnProps = DropProps & {
  column: ColumnState;
  currency: string;
  today: string;
  canMove: boolean;
  loading: boolean;
  onLoadMore: (stage: string) => void;
  /** How a card is drawn: draggable once drag and drop is loaded (board-parts.ts). */
  Card: CardComponent;
};

/** One open stage: its heading and figures, and its cards; the whole column is a drop target (`dropRef`). */
export function BoardColumn({ column, currency, today, canMove, loading, onLoadMore, Card, dropRef, isOver }: BoardColumnProps) {
  const money = (cents: number) => formatMoney(cents, currency, { compact: true });
  const headingId = `column-${column.key}`;
  return (
    <section
      ref={dropRef}
      aria-labelledby={headingId}
      data-stage={column.key}
      data-drop-over={isOver ? "true" : undefined}
      className={cx(
        "flex min-h-0 w-[15rem] shrink-0 snap-start flex-col rounded-xl border transition-colors xl:w-auto xl:min-w-[13.5rem] xl:flex-1",
        isOver ? "border-accent/50 bg-accent-soft/70 ring-2 ring-accent/30" : "border-transparent bg-zinc-100/80",
      )}
    >
      <header className="px-3 pt-3 pb-2.5">
        <div className="flex items-center justify-between gap-2">
          <h2 id={headingId} className="truncate text-sm font-semibold text-ink">
            {column.name}
          </h2>
          <span className="rounded-full bg-surface px-2 py-0.5 text-xs font-semibold text-ink tabular-nums ring-1 ring-line">
            {column.count.toLocaleString("en-US")}
            <span className="sr-only"> {column.count === 1 ? "deal" : "deals"}</span>
          </span>
        </div>
        <dl className="mt-1 flex flex-wrap items-baseline gap-x-1.5 text-xs text-ink-muted tabular-nums">
          <dt className="sr-only">Total</dt>
          <dd className="font-semibold text-ink">{money(column.amountCents)}</dd>
          <dd aria-hidden="true">·</dd>
          <dt>Weighted</dt>
          <dd className="font-medium text-ink">{money(column.weightedCents)}</dd>
          <dd className="text-ink-subtle" title={`Win probability of ${column.name}`}>
            <span className="sr-only">at </span>({column.probability}%)
          </dd>
        </dl>
      </header>
      <ColumnCards column={column} today={today} canMove={canMove} loading={loading} onLoadMore={() => onLoadMore(column.key)} Card={Card} />
    </section>
  );
}
