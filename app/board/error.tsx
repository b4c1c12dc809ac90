"use client";

import { ErrorPanel } from "@/src/ui/error-panel";

/** The board could not load: say so plainly, and offer a retry that fetches it again. */
export default function BoardError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-6 py-12">
      <ErrorPanel
        error={error}
        retry={retry}
        title="The board could not be loaded"
        description="Something went wrong on our side while reading the pipeline. Your deals are safe: nothing was changed."
        back={{ href: "/", label: "Go to the home page" }}
      />
    </main>
  );
}
