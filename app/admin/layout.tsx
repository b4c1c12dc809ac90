import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireActor } from "@/src/auth/current-actor";
import { AppShell } from "@/src/ui/app-shell";
import { AdminNav } from "./admin-nav";
import { adminSectionsFor } from "./sections";

// The admin console's frame: the app's shell and the sections the actor manages. For anyone who
// manages none of them the console does not exist (404), decided before anything streams; each
// section's page checks its own permission too.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor("/admin");
  const sections = adminSectionsFor(actor);
  if (sections.length === 0) notFound();
  return (
    <AppShell actor={actor}>
      <AdminNav sections={sections.map(({ href, label }) => ({ href, label }))} />
      {children}
    </AppShell>
  );
}
