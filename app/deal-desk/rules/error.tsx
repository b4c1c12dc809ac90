"use client";

import { ErrorPanel } from "@/src/ui/error-panel";

export default function DealDeskRulesError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="The deal desk rules could not be loaded"
      description="Something went wrong on our side. The rules themselves are unchanged; try again in a moment."
      back={{ href: "/", label: "Back to home" }}
    />
  );
}
