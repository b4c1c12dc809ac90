"use client";

import { ErrorPanel } from "@/src/ui/error-panel";

/** The queue or a request could not be read: say so plainly, and offer a retry. */
export default function DeskError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="The deal desk could not be loaded"
      description="Something went wrong on our side while reading the approval requests. Nothing was changed. Try again in a moment."
      back={{ href: "/", label: "Go to the home page" }}
    />
  );
}
