import { ButtonLink } from "@/src/ui/button";
import { SearchIcon } from "@/src/ui/icons";

// A request that does not exist and one the viewer may not see are answered alike, so the page does
// not reveal which requests exist; the queue itself is not found for those who have none.
export default function DeskNotFound() {
  return (
    <div className="mx-auto max-w-xl rounded-card border border-line bg-surface px-8 py-12 text-center shadow-card">
      <div className="mx-auto flex size-12 items-center justify-center rounded-xl border border-line bg-canvas text-ink-muted">
        <SearchIcon className="size-6" />
      </div>
      <p className="mt-4 text-[13px] font-medium text-ink-muted">404</p>
      <h1 className="mt-1 text-lg font-semibold text-ink">Approval request not found</h1>
      <p className="mt-1.5 text-sm text-ink-muted">It may have been removed, the link may be wrong, or it is on a deal you don't have access to.</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <ButtonLink href="/">Home</ButtonLink>
        <ButtonLink href="/board" variant="secondary">
          Go to the board
        </ButtonLink>
      </div>
    </div>
  );
}
