import type { ReactNode } from "react";
import { requireActor } from "@/src/auth/current-actor";
import { AppShell } from "@/src/ui/app-shell";

// The desk's frame: its loading, error and not-found states render inside the app's shell.
export default async function DealDeskLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor("/deal-desk");
  return <AppShell actor={actor}>{children}</AppShell>;
}
