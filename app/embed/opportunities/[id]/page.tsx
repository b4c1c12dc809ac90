import type { Metadata } from "next";
import { EmbedPage } from "../../_components/embed-page";

export const metadata: Metadata = { title: "Stage path" };

export default async function EmbedOpportunityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EmbedPage address={{ id }} />;
}
