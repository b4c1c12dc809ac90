"use client";

import { ErrorPanel } from "../_lib/error-panel";

export default function NewOpportunityError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPanel
      error={error}
      reset={reset}
      title="The new opportunity form could not be loaded"
      description="Something went wrong on our side. Try again in a moment."
    />
  );
}
