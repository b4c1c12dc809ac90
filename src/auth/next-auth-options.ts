// Sign-in for the pages: email and password, plus an OpenID Connect provider for SSO when
// OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. Sessions are signed JWT cookies that
// name the user; everything else about the user is read from the database on each request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers/index";
import { AppError } from "../errors";
import { db } from "../server/db";
import { verifyCredentials } from "../server/auth/verify-credentials";
import { requestId } from "../server/security/security-log";
import { clientAddress } from "./request-actor";

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

export const isSsoEnabled = () => ssoProvider(process.env) !== null;

export function authOptions(): NextAuthOptions {
  const sso = ssoProvider(process.env);
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
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
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
  };
}
