// Where the embed's sign-in pop-up lands (SignInPanel): it closes itself, and the frame that opened
// it reloads. Opened any other way, the browser keeps it open, and it says what to do.
import type { Metadata } from "next";
import { currentActor } from "@/src/auth/current-actor";
import { CheckCircleIcon } from "@/src/ui/icons";
import { CloseWindow } from "./close-window";

export const metadata: Metadata = { title: "Signed in" };

export default async function SignedInPage() {
  const actor = await currentActor();
  return (
    <section aria-labelledby="signed-in-heading" className="rounded-card border border-line bg-surface px-5 py-8 text-center shadow-card">
      {actor ? <CloseWindow /> : null}
      <CheckCircleIcon className="mx-auto size-8 text-emerald-600" />
      <h1 id="signed-in-heading" className="mt-3 text-[15px] font-semibold text-ink">
        {actor ? `Signed in as ${actor.name}` : "You are not signed in"}
      </h1>
      <p className="mx-auto mt-1 max-w-sm text-sm text-ink-muted">
        {actor
          ? "This window closes by itself. If it stays open, close it: the deal shows in your CRM's page."
          : "Close this window and select Sign in in your CRM's page again."}
      </p>
    </section>
  );
}
