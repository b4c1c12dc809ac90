"use client";

// What shows when the root layout itself failed: most often because the database could not be
// reached (src/server/ops/database-probe.ts), which the server answers with 503 and Retry-After. It
// replaces the whole document, so it brings its own <html>, <body> and styles.
import "./globals.css";
import { ErrorPanel } from "@/src/ui/error-panel";

export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en">
      <head>
        <title>Stageline is unavailable for a moment</title>
      </head>
      <body className="min-h-screen bg-canvas font-sans text-ink antialiased">
        <main id="main" className="flex min-h-screen items-center justify-center px-6 py-12">
          <ErrorPanel
            error={error}
            retry={retry}
            title="Stageline is unavailable for a moment"
            description="The page could not be drawn: most often the database is restarting, which takes a few seconds. Nothing you saved was lost. Try again shortly."
            back={{ href: "/", label: "Go to the home page" }}
          />
        </main>
      </body>
    </html>
  );
}
