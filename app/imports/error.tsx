"use client";

import { ErrorPanel } from "@/src/ui/error-panel";

/** The import page could not be prepared: nothing was imported; say so, and offer a retry. */
export default function ImportError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="The import page could not be loaded"
      description="Something went wrong on our side while reading the process and the people you may import for. Nothing was imported. Try again in a moment."
    />
  );
}
