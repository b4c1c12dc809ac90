// The signed-in user of a page or server action. Pages call requireActor(); there is no
// middleware-only check anywhere.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "../server/db";
import type { Actor } from "./actor";
import { findSessionByToken, sessionCookieName } from "./session";
import type { LiveSession } from "./user-sessions";

/** The browser's live session and its actor (the settings page needs which session this is). */
export async function currentSession(): Promise<LiveSession | null> {
  return findSessionByToken(db(), (await cookies()).get(sessionCookieName())?.value);
}

export async function currentActor(): Promise<Actor | null> {
  return (await currentSession())?.actor ?? null;
}

/** The signed-in actor, or a redirect to the sign-in page that comes back to `returnTo`. */
export async function requireActor(returnTo = "/"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
