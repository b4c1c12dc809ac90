// A deal that does not exist or that the signed-in user may not see, inside the frame: no app shell.
import type { Metadata } from "next";
import { SearchIcon } from "@/src/ui/icons";

export const metadata: Metadata = { title: "Deal not found" };

export default function EmbedNotFound() {
  return (
    <section aria-labelledby="embed-not-found-heading" className="rounded-card border border-line bg-surface px-5 py-8 text-center shadow-card">
      <div className="mx-auto flex size-10 items-center justify-center rounded-xl border border-line bg-canvas text-ink-muted">
        <SearchIcon className="size-5" />
      </div>
      <h1 id="embed-not-found-heading" className="mt-3 text-[15px] font-semibold text-ink">
        No deal to show here
      </h1>
      <p className="mx-auto mt-1 max-w-sm text-sm text-ink-muted">
        This record has no deal in Stageline yet, or it is not one you may see. Ask its owner or your manager, or find it on the board.
      </p>
      <a
        href="/board"
        target="_blank"
        rel="noopener"
        className="mt-4 inline-block rounded text-[13px] font-medium text-accent underline underline-offset-2"
      >
        Open Stageline's board
      </a>
    </section>
  );
}
