// The session cookie next-auth sets after a credentials sign-in, made the same way (cookie name,
// JWT contents, lifetime, options) for a sign-in form posted before the page's JavaScript ran. Both
// kinds of cookie name a server-side session, are read by session.ts and ended by next-auth's sign-out.
import { encode } from "next-auth/jwt";
import type { Sql } from "../server/db";
import type { Actor } from "./actor";
import { sessionCookieName, sessionCookieSameSite, sessionSecret, usesSecureCookies } from "./session";
import { SESSION_LIFETIME_SECONDS, startSession } from "./user-sessions";

export type SessionCookie = {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "none" | "lax"; path: "/"; secure: boolean; expires: Date };
};

/** Starts a session for `user` and answers the cookie that names it. */
export async function sessionCookie(q: Sql, user: Pick<Actor, "id" | "email" | "name">, now = new Date()): Promise<SessionCookie> {
  const session = await startSession(q, user.id, now);
  // The token next-auth's credentials callback encodes: its default claims, `sub` and `sid` set by our jwt callback.
  const token = { name: user.name, email: user.email, sub: user.id, sid: session.id };
  return {
    name: sessionCookieName(),
    value: await encode({ token, secret: sessionSecret(), maxAge: SESSION_LIFETIME_SECONDS }),
    options: { httpOnly: true, sameSite: sessionCookieSameSite(), path: "/", secure: usesSecureCookies(), expires: session.expiresAt },
  };
}
