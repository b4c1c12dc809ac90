import type { Metadata } from "next";
import { currentActor } from "@/src/auth/current-actor";
import { AppShell } from "@/src/ui/app-shell";
import { ButtonLink } from "@/src/ui/button";

export const metadata: Metadata = { title: "Not allowed" };

// A 403: the page exists, but not for the signed-in user's role (the dashboard for a rep, the import for the deal desk).
export default async function Forbidden() {
  const actor = await currentActor();
  const body = (
    <div className="mx-auto max-w-xl rounded-card border border-line bg-surface px-8 py-12 text-center shadow-card">
      <p className="text-[13px] font-medium text-ink-muted">403</p>
      <h1 className="mt-1 text-lg font-semibold text-ink">This page is not open to you</h1>
      <p className="mt-1.5 text-sm text-ink-muted">
        Your role does not open it: the dashboard is for managers and admins, importing deals for those who own or manage deals. If you need it, ask
        an admin to change your role.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <ButtonLink href="/board">Go to the board</ButtonLink>
        <ButtonLink href="/" variant="secondary">
          Home
        </ButtonLink>
      </div>
    </div>
  );
  return actor ? (
    <AppShell actor={actor}>{body}</AppShell>
  ) : (
    <main id="main" className="px-6 py-16">
      {body}
    </main>
  );
}
