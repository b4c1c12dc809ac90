"use client";

import { ErrorPanel } from "../_lib/error-panel";

export default function OpportunityError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPanel
      error={error}
      reset={reset}
      title="This deal could not be loaded"
      description="Something went wrong on our side while reading it. Nothing you saved was lost. Try again in a moment."
    />
  );
}
