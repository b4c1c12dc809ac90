// Browser sessions are next-auth JWTs in a cookie. The token only names the user: role, team and
// whether the account is still active are read from the database on every request.
import { decode } from "next-auth/jwt";
import type { Reader } from "../server/db";
import type { Actor } from "./actor";
import { findActor } from "./load-actor";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export function sessionSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set.");
  return secret;
}

export async function findActorBySessionToken(tx: Reader, token: string | undefined): Promise<Actor | null> {
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: sessionSecret() });
    return typeof payload?.sub === "string" ? await findActor(tx, payload.sub) : null;
  } catch {
    return null; // a tampered, expired or foreign cookie is simply no session
  }
}
