// The embeddable pages (docs/embedding.md): no app shell, a frame about 400 px high inside a CRM's
// record page. Framed only by the origins an admin allowed (proxy.ts, frame-ancestors); links to the
// rest of the app open in a new tab, since those pages refuse to be framed.
import type { ReactNode } from "react";
import { EmbedLinks } from "./_components/embed-links";

export default function EmbedLayout({ children }: { children: ReactNode }) {
  return (
    <EmbedLinks>
      <main id="main" className="mx-auto max-w-5xl px-3 py-3">
        {children}
      </main>
    </EmbedLinks>
  );
}
