import { currentActor } from "@/src/auth/current-actor";
import { NotFoundPanel } from "@/src/ui/not-found-panel";

// Shown for a deal that does not exist and for one the viewer may not see: the two are answered
// alike, so the page does not reveal which deals exist.
export default async function OpportunityNotFound() {
  return (
    <NotFoundPanel
      actor={await currentActor()}
      title="Opportunity not found"
      description="It may have been removed, the link may be wrong, or it belongs to someone whose deals you don't have access to."
    />
  );
}
