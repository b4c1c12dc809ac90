import type { ReactNode } from "react";
import { requireActor } from "@/src/auth/current-actor";
import { AppShell } from "@/src/ui/app-shell";

export default async function NewOpportunityLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor("/opportunities/new");
  return <AppShell actor={actor}>{children}</AppShell>;
}
