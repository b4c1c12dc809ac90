import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Stageline", template: "%s · Stageline" },
  description: "Opportunity stage management: exit criteria enforced, a pipeline you can trust.",
};

export const viewport: Viewport = { themeColor: "#f7f7f8" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-canvas font-sans text-ink antialiased">{children}</body>
    </html>
  );
}
