// Sign-in for the pages: email and password, plus an OpenID Connect provider for SSO when
// OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set (single-sign-on.ts). Sessions are encrypted
// JWT cookies that name the user and their server-side session (user-sessions.ts); the session must
// still be live and everything else about the user is read from the database, on each request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "../errors";
import { recordAudit } from "../server/audit/record-audit";
import { database, db } from "../server/db";
import { verifyCredentials } from "../server/auth/verify-credentials";
import { logSecurityEvent, requestId } from "../server/security/security-log";
import { clientAddress } from "./request-actor";
import { sessionCookieName, sessionCookieSameSite, usesSecureCookies } from "./session";
import { type SsoClaims, ssoConfig, ssoProvider, vouchedEmail } from "./single-sign-on";
import { endSession, findLiveSession, SESSION_LIFETIME_SECONDS, startSession } from "./user-sessions";

/** A single sign-on attempt in the audit log, from the address of the request being served. */
const auditSso = (action: "signin.succeeded" | "signin.failed", who: { id: string | null; email: string }, after: Record<string, unknown> = {}) =>
  recordAudit(database().sql, { actor: who, action, object: { type: "user", id: who.id }, after: { method: "sso", ...after } });

/** Thrown by the jwt callback for a cookie whose session is over: next-auth then answers no session. */
class SessionEnded extends Error {}

/** The single sign-on provider's name for the sign-in button, or null when single sign-on is off. */
export const ssoName = (): string | null => ssoConfig()?.name ?? null;

export function authOptions(): NextAuthOptions {
  const config = ssoConfig();
  const sso = config ? ssoProvider(config) : null;
  return {
    secret: process.env.NEXTAUTH_SECRET,
    // The cookie's own lifetime; the session row's absolute end holds however often it is renewed.
    session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
    useSecureCookies: usesSecureCookies(),
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: sessionCookieSameSite(), path: "/", secure: usesSecureCookies() },
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
      // SSO signs in existing, active users only, by an e-mail the provider vouches for: the admin
      // creates accounts and roles. A refusal is a code the sign-in page puts into words: a thrown
      // error's message (next-auth passes it on as ?error=), or AccessDenied for false.
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc" || !config) return true;
        const vouched = vouchedEmail(profile as SsoClaims, config);
        if ("refused" in vouched) {
          const email = typeof profile?.email === "string" ? profile.email.toLowerCase() : null;
          logSecurityEvent("signin.failed", { email, detail: { method: "sso", reason: vouched.refused } });
          await auditSso("signin.failed", { id: null, email: email?.slice(0, 254) ?? "" }, { reason: vouched.refused });
          throw new Error(vouched.refused);
        }
        const found = await db().user.findUnique({ where: { email: vouched.email } });
        if (!found?.active) {
          logSecurityEvent("signin.failed", { email: vouched.email, detail: { method: "sso", reason: "no_active_user" } });
          await auditSso("signin.failed", { id: found?.id ?? null, email: vouched.email }, { reason: "no_active_user" });
          return false;
        }
        logSecurityEvent("signin.succeeded", { userId: found.id, email: vouched.email, detail: { method: "sso" } });
        await auditSso("signin.succeeded", { id: found.id, email: vouched.email });
        return true;
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
