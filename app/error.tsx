"use client";

import { ErrorPanel } from "@/src/ui/error-panel";

/** Any page that failed to load and has no error page of its own. */
export default function PageError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-6 py-12">
      <ErrorPanel
        error={error}
        retry={retry}
        title="This page could not be loaded"
        description="Something went wrong on our side. Nothing you saved was lost. Try again in a moment."
        back={{ href: "/", label: "Go to the home page" }}
      />
    </main>
  );
}
