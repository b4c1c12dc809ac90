"use client";

import Link from "next/link";
import { Button } from "@/src/ui/button";
import { AlertIcon } from "@/src/ui/icons";

/** The board could not load: say so plainly, and offer a retry that fetches it again. */
export default function BoardError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center px-6 text-center">
      <div className="flex size-11 items-center justify-center rounded-xl border border-red-200 bg-red-50 text-red-600">
        <AlertIcon />
      </div>
      <h1 className="mt-4 text-xl font-semibold tracking-tight text-ink">The board could not be loaded</h1>
      <p className="mt-2 text-sm text-ink-muted">
        Something went wrong on our side while reading the pipeline. Your deals are safe: nothing was changed.
        {error.digest ? <span className="mt-1 block text-xs text-ink-subtle">Reference: {error.digest}</span> : null}
      </p>
      <div className="mt-6 flex gap-2">
        <Button onClick={retry}>Try again</Button>
        <Link href="/" className="inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-ink-muted hover:bg-zinc-100 hover:text-ink">
          Go to the home page
        </Link>
      </div>
    </main>
  );
}
