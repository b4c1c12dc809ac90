"use client";

import { ErrorPanel } from "@/src/ui/error-panel";

export default function AdminError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="This admin page could not be loaded"
      description="Something went wrong on our side. Nothing was changed; try again in a moment."
      back={{ href: "/", label: "Back to home" }}
    />
  );
}
