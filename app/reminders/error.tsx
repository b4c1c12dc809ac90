"use client";

import { ErrorPanel } from "@/src/ui/error-panel";

/** The reminders could not be read: say so plainly, and offer a retry. */
export default function RemindersError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="Your reminders could not be loaded"
      description="Something went wrong on our side while reading your re-engagement plays. Nothing was changed. Try again in a moment."
      back={{ href: "/", label: "Go to the home page" }}
    />
  );
}
