// Browser sessions are next-auth JWTs in a cookie. The token names the user (`sub`) and their
// session on the server (`sid`, user-sessions.ts): the session must still be live, and role, team
// and whether the account is active are read from the database, on every request.
import { decode } from "next-auth/jwt";
import type { Reader } from "../server/db";
import type { Actor } from "./actor";
import { findLiveSession, type LiveSession } from "./user-sessions";

export function sessionSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set.");
  return secret;
}

/** Secure cookies when the app's public URL is https (next-auth's own rule). */
export const usesSecureCookies = (env: NodeJS.ProcessEnv = process.env): boolean => (env.NEXTAUTH_URL ?? "").startsWith("https://");

/**
 * The session cookie's SameSite: None over HTTPS, so that the embed pages framed in a CRM's record
 * page (another site) are sent it where the browser allows third-party cookies; Lax over plain HTTP,
 * where browsers refuse SameSite=None without Secure. Cross-site writes stay refused by the origin
 * checks of the API and the server actions, which never relied on SameSite (docs/security.md).
 */
export const sessionCookieSameSite = (env: NodeJS.ProcessEnv = process.env): "none" | "lax" => (usesSecureCookies(env) ? "none" : "lax");

/**
 * The one session cookie name that is set and read. Over HTTPS it carries the `__Host-` prefix: the
 * browser keeps such a cookie only if it is Secure, for the whole site and without a Domain, so
 * neither a plain-HTTP page nor a sibling subdomain can plant one. The unprefixed name is never
 * read there, or a planted cookie would be.
 */
export const sessionCookieName = (env: NodeJS.ProcessEnv = process.env): string =>
  usesSecureCookies(env) ? "__Host-next-auth.session-token" : "next-auth.session-token";

/** The live session a cookie's value names, with its actor; null for anything else. */
export async function findSessionByToken(tx: Reader, token: string | undefined, now = new Date()): Promise<LiveSession | null> {
  if (!token) return null;
  let claims: Awaited<ReturnType<typeof decode>>;
  try {
    claims = await decode({ token, secret: sessionSecret() });
  } catch {
    return null; // a tampered, expired or foreign cookie is simply no session
  }
  return claims ? findLiveSession(tx, claims, now) : null;
}

export async function findActorBySessionToken(tx: Reader, token: string | undefined, now = new Date()): Promise<Actor | null> {
  return (await findSessionByToken(tx, token, now))?.actor ?? null;
}
