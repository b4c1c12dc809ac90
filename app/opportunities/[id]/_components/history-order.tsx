"use client";

import { useState, type ReactNode } from "react";
import { cx } from "@/src/ui/cx";

/** The timeline in either order; the entries are rendered on the server. */
export function HistoryOrder({ entries }: { entries: ReactNode[] }) {
  const [newestFirst, setNewestFirst] = useState(true);
  const shown = newestFirst ? [...entries].reverse() : entries;
  const option = (value: boolean, label: string) => (
    <button
      type="button"
      aria-pressed={newestFirst === value}
      onClick={() => setNewestFirst(value)}
      className={cx(
        "rounded-md px-2.5 py-1 text-[13px] font-medium transition-colors",
        newestFirst === value ? "bg-surface text-ink shadow-xs ring-1 ring-line" : "text-ink-muted hover:text-ink",
      )}
    >
      {label}
    </button>
  );
  return (
    <div>
      <div className="flex items-center justify-between gap-3 border-b border-line px-5 py-2.5">
        <span className="text-[13px] text-ink-muted" id="history-order-label">
          Order
        </span>
        {/* biome-ignore lint/a11y/useSemanticElements: a segmented control of two buttons, labelled by the text beside it */}
        <div role="group" aria-labelledby="history-order-label" className="flex gap-0.5 rounded-lg bg-zinc-100 p-0.5">
          {option(true, "Newest first")}
          {option(false, "Oldest first")}
        </div>
      </div>
      <ol className="relative px-5 py-5 before:absolute before:top-7 before:bottom-7 before:left-[1.565rem] before:w-px before:bg-line">{shown}</ol>
    </div>
  );
}
