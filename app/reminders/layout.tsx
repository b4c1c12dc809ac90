import type { ReactNode } from "react";
import { requireActor } from "@/src/auth/current-actor";
import { AppShell } from "@/src/ui/app-shell";

// The reminders' frame: their loading and error states render inside the app's shell.
export default async function RemindersLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor("/reminders");
  return <AppShell actor={actor}>{children}</AppShell>;
}
