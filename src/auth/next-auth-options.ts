// Sign-in for the pages: email and password, plus an OpenID Connect provider for SSO when
// OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. Sessions are encrypted JWT cookies that
// name the user and their server-side session (user-sessions.ts); the session must still be live and
// everything else about the user is read from the database, on each request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers/index";
import { AppError } from "../errors";
import { database, db } from "../server/db";
import { verifyCredentials } from "../server/auth/verify-credentials";
import { logSecurityEvent, requestId } from "../server/security/security-log";
import { clientAddress } from "./request-actor";
import { sessionCookieName, usesSecureCookies } from "./session";
import { endSession, findLiveSession, SESSION_LIFETIME_SECONDS, startSession } from "./user-sessions";

function ssoProvider(env: NodeJS.ProcessEnv): Provider | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: "oidc",
    name: env.OIDC_NAME ?? "Single sign-on",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    profile: (p: { sub: string; email?: string; name?: string }) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? null }),
  };
}

/** Thrown by the jwt callback for a cookie whose session is over: next-auth then answers no session. */
class SessionEnded extends Error {}

export const isSsoEnabled = () => ssoProvider(process.env) !== null;

export function authOptions(): NextAuthOptions {
  const sso = ssoProvider(process.env);
  return {
    secret: process.env.NEXTAUTH_SECRET,
    // The cookie's own lifetime; the session row's absolute end holds however often it is renewed.
    session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
    useSecureCookies: usesSecureCookies(),
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: usesSecureCookies() },
      },
    },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const headers = new Headers(req.headers as Record<string, string>);
          try {
            const actor = await verifyCredentials(db(), {
              email: String(credentials?.email ?? "").slice(0, 254),
              password: String(credentials?.password ?? "").slice(0, 1024),
              clientAddress: clientAddress({ headers }),
              requestId: requestId({ headers }),
              via: "sign-in page",
            });
            return { id: actor.id, email: actor.email, name: actor.name };
          } catch (e) {
            // next-auth shows the thrown message's code on the sign-in page (?error=...).
            if (e instanceof AppError && e.code === "RATE_LIMITED") throw new Error("RateLimited");
            if (e instanceof AppError) return null;
            throw e;
          }
        },
      }),
      ...(sso ? [sso] : []),
    ],
    callbacks: {
      // SSO signs in existing, active users only: the admin creates accounts and roles.
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email) return false;
        const found = await db().user.findUnique({ where: { email: user.email.toLowerCase() } });
        return !!found?.active;
      },
      async jwt({ token, user, account }) {
        if (user && account?.provider === "oidc") {
          const found = await db().user.findUnique({ where: { email: String(user.email).toLowerCase() } });
          token.sub = found?.id;
        } else if (user) token.sub = user.id;
        if (user) {
          if (token.sub) token.sid = (await startSession(database().sql, token.sub)).id;
          return token;
        }
        // Every later read (the session endpoint) renews the cookie: only a live session may be
        // renewed. Throwing makes next-auth answer no session and clear the cookie.
        if (!(await findLiveSession(db(), token))) throw new SessionEnded("The session has ended.");
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
    logger: {
      error(code, metadata) {
        // An ended session asking to be renewed is expected (signed out elsewhere, expired), not a fault.
        if (metadata instanceof SessionEnded) return;
        console.error(`[next-auth][error][${code}]`, `\nhttps://next-auth.js.org/errors#${code.toLowerCase()}`, metadata);
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid !== "string") return;
        await endSession(database().sql, token.sid);
        logSecurityEvent("session.ended", { userId: token.sub, detail: { reason: "sign_out" } });
      },
    },
  };
}
