"use client";

// A failure while loading the embedded deal: said in the frame, with a retry, no app shell.
import { Button } from "@/src/ui/button";
import { AlertIcon } from "@/src/ui/icons";

export default function EmbedError({ retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <section role="alert" className="rounded-card border border-line bg-surface px-5 py-8 text-center shadow-card">
      <AlertIcon className="mx-auto size-7 text-amber-700" />
      <h1 className="mt-3 text-[15px] font-semibold text-ink">This deal could not be loaded</h1>
      <p className="mx-auto mt-1 max-w-sm text-sm text-ink-muted">Something went wrong on our side. Nothing you saved was lost.</p>
      <div className="mt-4 flex justify-center">
        <Button variant="secondary" onClick={retry}>
          Try again
        </Button>
      </div>
    </section>
  );
}
