import type { Actor } from "../auth/actor";
import { AppShell } from "./app-shell";
import { ButtonLink } from "./button";
import { SearchIcon } from "./icons";

/** A 404: what was not found and where to go, inside the app's shell when someone is signed in. */
export function NotFoundPanel({ actor, title, description }: { actor: Actor | null; title: string; description: string }) {
  const body = (
    <div className="mx-auto max-w-xl rounded-card border border-line bg-surface px-8 py-12 text-center shadow-card">
      <div className="mx-auto flex size-12 items-center justify-center rounded-xl border border-line bg-canvas text-ink-muted">
        <SearchIcon className="size-6" />
      </div>
      <p className="mt-4 text-[13px] font-medium text-ink-muted">404</p>
      <h1 className="mt-1 text-lg font-semibold text-ink">{title}</h1>
      <p className="mt-1.5 text-sm text-ink-muted">{description}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <ButtonLink href={actor ? "/board" : "/signin"}>{actor ? "Go to the board" : "Sign in"}</ButtonLink>
        {actor ? (
          <ButtonLink href="/" variant="secondary">
            Home
          </ButtonLink>
        ) : null}
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
