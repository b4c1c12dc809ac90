"use client";

import { ErrorPanel } from "@/src/ui/error-panel";

/** The figures could not be computed: say so plainly, and offer a retry. */
export default function DashboardError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="The dashboard could not be loaded"
      description="Something went wrong on our side while computing the figures. Nothing was changed. Try again in a moment, or narrow the period."
      back={{ href: "/board", label: "Go to the board" }}
    />
  );
}
