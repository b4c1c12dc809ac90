// The signed-in user of a page or server action. Pages call requireActor(); there is no
// middleware-only check anywhere.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "../server/db";
import type { Actor } from "./actor";
import { findActorBySessionToken, SESSION_COOKIES } from "./session";

export async function currentActor(): Promise<Actor | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    if (value) return findActorBySessionToken(db(), value);
  }
  return null;
}

/** The signed-in actor, or a redirect to the sign-in page that comes back to `returnTo`. */
export async function requireActor(returnTo = "/"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
