"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { Button } from "@/src/ui/button";
import type { CardComponent } from "./board-parts";
import type { ColumnState } from "./board-state";

type Props = { column: ColumnState; today: string; canMove: boolean; loading: boolean; onLoadMore: () => void; Card: CardComponent };

/**
 * A column's cards, virtualised: only the cards in view (and a few around) are in the DOM, and the
 * next page loads as the rep scrolls near the end, so a column of a thousand deals stays light.
 */
export function ColumnCards({ column, today, canMove, loading, onLoadMore, Card }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const { cards } = column;
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 200,
    overscan: 3,
    gap: 8,
    getItemKey: (i) => cards[i]!.id,
    // Server rendering has no scroll element: render the first cards as if the column were this tall.
    initialRect: { width: 240, height: 760 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const hasMore = column.nextCursor !== null;

  useEffect(() => {
    if (hasMore && !loading && lastIndex >= cards.length - 3) onLoadMore();
  }, [hasMore, loading, lastIndex, cards.length, onLoadMore]);

  return (
    <div ref={scroller} data-column-scroller className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-2 pt-0.5 pb-2 [scrollbar-width:thin]">
      {cards.length === 0 ? (
        <p className="mx-1 rounded-lg border border-dashed border-line-strong px-3 py-6 text-center text-[13px] text-ink-subtle">
          No deals in {column.name}
        </p>
      ) : (
        // Cards stay in the normal flow between two spacers: nothing overlaps before they are measured.
        <ul
          aria-label={`Deals in ${column.name}`}
          className="flex flex-col gap-2"
          style={{ paddingTop: items[0]?.start ?? 0, paddingBottom: Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0)) }}
        >
          {items.map((item) => (
            <li key={item.key} data-index={item.index} ref={virtualizer.measureElement} aria-setsize={column.count} aria-posinset={item.index + 1}>
              <Card card={cards[item.index]!} today={today} canMove={canMove} />
            </li>
          ))}
        </ul>
      )}
      {hasMore ? (
        <Button variant="ghost" size="sm" className="mt-2 w-full" disabled={loading} onClick={onLoadMore}>
          {loading ? "Loading more deals…" : `Show more (${column.count - cards.length} more)`}
        </Button>
      ) : null}
    </div>
  );
}
