"use client";

import { ErrorPanel } from "@/src/ui/error-panel";

export default function NewOpportunityError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="The new opportunity form could not be loaded"
      description="Something went wrong on our side. Try again in a moment."
    />
  );
}
