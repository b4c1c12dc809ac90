"use client";

import { ErrorPanel } from "@/src/ui/error-panel";

export default function OpportunityError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="This deal could not be loaded"
      description="Something went wrong on our side while reading it. Nothing you saved was lost. Try again in a moment."
    />
  );
}
