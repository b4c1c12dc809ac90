import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { AppShell } from "@/src/ui/app-shell";

// The import's frame, decided before anything renders: whoever may not import (the deal desk) gets
// the 403 page. Reps import their own deals, managers their teams', admins anyone's.
export default async function ImportsLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor("/imports");
  if (!can(actor, "opportunity.import")) forbidden();
  return <AppShell actor={actor}>{children}</AppShell>;
}
