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

/** Where a user holding a one-time password is sent until they have chosen their own. */
export const CHOOSE_PASSWORD_PATH = "/settings#password";

/**
 * The signed-in actor, or a redirect to the sign-in page that comes back to `returnTo`. A user who
 * signed in with a one-time password is sent to choose their own first, except where `oneTimePassword`
 * says the page is where they do that.
 */
export async function requireActor(returnTo = "/", options: { oneTimePassword?: "allowed" } = {}): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (actor.mustChangePassword && options.oneTimePassword !== "allowed") redirect(CHOOSE_PASSWORD_PATH);
  return actor;
}
