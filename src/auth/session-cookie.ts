// The session cookie next-auth sets after a credentials sign-in, made the same way (cookie name,
// JWT contents, lifetime, options) for a sign-in form posted before the page's JavaScript ran. Both
// kinds of cookie are read by session.ts and cleared by next-auth's sign-out.
import { encode } from "next-auth/jwt";
import type { Actor } from "./actor";
import { authOptions } from "./next-auth-options";
import { type SESSION_COOKIES, sessionSecret } from "./session";

export type SessionCookie = {
  name: (typeof SESSION_COOKIES)[number];
  value: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; expires: Date };
};

export async function sessionCookie(actor: Pick<Actor, "id" | "email" | "name">, now = new Date()): Promise<SessionCookie> {
  // next-auth's rule: __Secure- cookies, marked secure, when the app's public URL is https.
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const maxAge = authOptions().session?.maxAge ?? 30 * 24 * 60 * 60;
  // The token next-auth's credentials callback encodes: its default claims, `sub` set by our jwt callback.
  const token = { name: actor.name, email: actor.email, sub: actor.id };
  return {
    name: secure ? "__Secure-next-auth.session-token" : "next-auth.session-token",
    value: await encode({ token, secret: sessionSecret(), maxAge }),
    options: { httpOnly: true, sameSite: "lax", path: "/", secure, expires: new Date(now.getTime() + maxAge * 1000) },
  };
}
