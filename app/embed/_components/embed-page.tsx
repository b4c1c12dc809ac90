// What both embed addresses render: the sign-in panel without a session, a 404 for a deal the user
// may not see (as the deal page), else the deal.
import { notFound } from "next/navigation";
import { currentActor } from "@/src/auth/current-actor";
import { type EmbedAddress, findEmbeddedDeal } from "@/src/server/embed/find-embedded-deal";
import { EmbedDeal } from "./embed-deal";
import { SignInPanel } from "./sign-in-panel";

export async function EmbedPage({ address }: { address: EmbedAddress }) {
  const actor = await currentActor();
  if (!actor) return <SignInPanel />;
  if (actor.mustChangePassword)
    return (
      <section className="rounded-card border border-line bg-surface px-5 py-8 text-center shadow-card">
        <h1 className="text-[15px] font-semibold text-ink">Choose your password first</h1>
        <p className="mx-auto mt-1 max-w-sm text-sm text-ink-muted">
          You signed in with a one-time password.{" "}
          <a href="/settings#password" target="_blank" rel="noopener" className="font-medium text-accent underline underline-offset-2">
            Choose your own in Stageline
          </a>
          , then reload this panel.
        </p>
      </section>
    );
  const deal = await findEmbeddedDeal(actor, address);
  if (!deal) notFound();
  return <EmbedDeal actor={actor} id={deal.id} />;
}
