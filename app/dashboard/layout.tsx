import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { AppShell } from "@/src/ui/app-shell";

// The dashboard's frame. Decided before anything streams: someone who may not view the dashboard
// (a rep, the deal desk) gets the 403 page (app/forbidden.tsx), not a 404: the page exists, it is
// for managers and admins (docs/rules/dashboard.md).
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor("/dashboard");
  if (!can(actor, "dashboard.view")) forbidden();
  return <AppShell actor={actor}>{children}</AppShell>;
}
