import type { Metadata } from "next";
import { EmbedPage } from "../../../_components/embed-page";

export const metadata: Metadata = { title: "Stage path" };

/** The deal that mirrors a CRM record (docs/rules/sync.md): what a CRM's record page knows to ask for. */
export default async function EmbedByExternalPage({ params }: { params: Promise<{ source: string; externalId: string }> }) {
  const { source, externalId } = await params;
  return <EmbedPage address={{ source, externalId }} />;
}
