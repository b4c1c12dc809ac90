import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";

export const metadata: Metadata = { title: "Deal desk rules" };

// Decided before anything streams (the page's loading state is below it): for anyone who may not
// manage the rules, the page does not exist, as for the API's admin endpoints' unseen objects. The
// app's shell comes from the deal desk's layout around this one.
export default async function DealDeskRulesLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor("/deal-desk/rules");
  if (!can(actor, "rules.manage")) notFound();
  return children;
}
