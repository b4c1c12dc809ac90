import Link from "next/link";
import type { BoardCard } from "@/src/server/board/board-card";
import { ExternalIcon } from "@/src/ui/icons";

/** A criterion fixed on the deal page: approvals have their own flow, and a few fields have no control here. */
export function DealPageLink({ card, label, text, hash, detail }: { card: BoardCard; label: string; text: string; hash?: string; detail?: string }) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-ink">{label}</p>
      {detail ? <p className="text-[13px] text-ink-muted">{detail}</p> : null}
      <Link
        href={`/opportunities/${card.id}${hash ? `#${hash}` : ""}`}
        className="inline-flex items-center gap-1 rounded text-[13px] font-medium text-accent hover:text-accent-hover hover:underline"
      >
        {text}
        <ExternalIcon className="size-3.5" />
      </Link>
    </div>
  );
}
