import { currentActor } from "@/src/auth/current-actor";
import { AppShell } from "@/src/ui/app-shell";
import { ButtonLink } from "@/src/ui/button";
import { SearchIcon } from "@/src/ui/icons";

// Shown for a deal that does not exist and for one the viewer may not see: the two are answered
// alike, so the page does not reveal which deals exist.
export default async function OpportunityNotFound() {
  const actor = await currentActor();
  const body = (
    <div className="mx-auto max-w-xl rounded-card border border-line bg-surface px-8 py-12 text-center shadow-card">
      <div className="mx-auto flex size-12 items-center justify-center rounded-xl border border-line bg-canvas text-ink-muted">
        <SearchIcon className="size-6" />
      </div>
      <p className="mt-4 text-[13px] font-medium text-ink-muted">404</p>
      <h1 className="mt-1 text-lg font-semibold text-ink">Opportunity not found</h1>
      <p className="mt-1.5 text-sm text-ink-muted">
        It may have been removed, the link may be wrong, or it belongs to someone whose deals you don&apos;t have access to.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <ButtonLink href="/board">Go to the board</ButtonLink>
        <ButtonLink href="/" variant="secondary">
          Home
        </ButtonLink>
      </div>
    </div>
  );
  return actor ? <AppShell actor={actor}>{body}</AppShell> : <main className="px-6 py-16">{body}</main>;
}
