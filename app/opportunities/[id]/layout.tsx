import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { requireActor } from "@/src/auth/current-actor";
import { findVisibleOpportunity } from "@/src/server/opportunity-page/find-visible-opportunity";
import { AppShell } from "@/src/ui/app-shell";

type Params = { params: Promise<{ id: string }> };

// The layout decides visibility before anything streams (the page's loading state is below it),
// so a deal the actor may not see answers 404, as GET /api/v1/opportunities/{id} does.
const findDeal = cache(async (id: string) => {
  const actor = await requireActor(`/opportunities/${encodeURIComponent(id)}`);
  return { actor, deal: await findVisibleOpportunity(actor, id) };
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { deal } = await findDeal((await params).id);
  return { title: deal?.name ?? "Opportunity not found" };
}

export default async function OpportunityLayout({ children, params }: Params & { children: ReactNode }) {
  const { actor, deal } = await findDeal((await params).id);
  if (!deal) notFound();
  return <AppShell actor={actor}>{children}</AppShell>;
}
