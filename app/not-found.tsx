import type { Metadata } from "next";
import { currentActor } from "@/src/auth/current-actor";
import { NotFoundPanel } from "@/src/ui/not-found-panel";

export const metadata: Metadata = { title: "Page not found" };

export default async function NotFound() {
  return (
    <NotFoundPanel
      actor={await currentActor()}
      title="Page not found"
      description="There is no page at this address. The link may be wrong or out of date."
    />
  );
}
