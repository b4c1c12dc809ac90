import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { requireDatabaseAnswers } from "@/src/server/ops/database-probe";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Stageline", template: "%s · Stageline" },
  description: "Opportunity stage management: exit criteria enforced, a pipeline you can trust.",
};

export const viewport: Viewport = { themeColor: "#f7f7f8" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's nonce (docs/security.md,
  // "Headers and framing"), which a page built ahead of time could not.
  await connection();
  // Before anything streams, so that a page cannot answer 200 and then fail for want of the database.
  await requireDatabaseAnswers();
  return (
    <html lang="en">
      <body className="min-h-screen bg-canvas font-sans text-ink antialiased">{children}</body>
    </html>
  );
}
