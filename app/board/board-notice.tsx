"use client";

import { useEffect } from "react";
import { cx } from "@/src/ui/cx";
import { AlertIcon, CheckIcon, CloseIcon } from "@/src/ui/icons";
import type { Notice } from "./use-board-moves";

/**
 * What happened to the last move, at the bottom of the screen. The live regions are always in the
 * page so screen readers announce each message; a failure is assertive and stays until dismissed.
 */
export function BoardNotice({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  useEffect(() => {
    if (notice?.tone !== "success") return;
    const timer = setTimeout(onDismiss, 6000);
    return () => clearTimeout(timer);
  }, [notice, onDismiss]);

  const body = (tone: Notice["tone"]) =>
    notice?.tone === tone ? (
      <div
        className={cx(
          "pointer-events-auto flex max-w-xl items-start gap-3 rounded-xl px-4 py-3 text-sm shadow-xl ring-1",
          tone === "success" ? "bg-zinc-900 text-white ring-zinc-900/10" : "bg-red-50 text-red-900 ring-red-200",
        )}
        data-testid="board-notice"
      >
        {tone === "success" ? (
          <CheckIcon className="mt-0.5 size-4 shrink-0 text-emerald-400" />
        ) : (
          <AlertIcon className="mt-0.5 size-4 shrink-0 text-red-600" />
        )}
        <p className="flex-1">{notice.text}</p>
        <button
          type="button"
          onClick={onDismiss}
          aria-label="Dismiss message"
          className={cx(
            "-m-1 rounded-md p-1",
            tone === "success" ? "text-zinc-300 hover:bg-white/10 hover:text-white" : "text-red-700 hover:bg-red-100",
          )}
        >
          <CloseIcon className="size-4" />
        </button>
      </div>
    ) : null;

  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-6 z-30 flex justify-center px-4">
      <div role="status" aria-live="polite">
        {body("success")}
      </div>
      <div role="alert" aria-live="assertive">
        {body("danger")}
      </div>
    </div>
  );
}
