// Single sign-on with an OpenID Connect provider (OIDC_* variables): what the provider says about
// the user, and when Stageline believes it. The provider only vouches for an identity; the user,
// their role and whether they are active are Stageline's (docs/rules/roles-and-access.md).
import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";

export type SsoConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's name, as the sign-in button says it: "Sign in with <name>". */
  name: string;
  /**
   * Whether an e-mail the provider does not mark verified may sign in: only for a provider whose
   * users cannot set their own e-mail (OIDC_TRUST_EMAILS=1).
   */
  trustEmails: boolean;
};

export function ssoConfig(env: Record<string, string | undefined> = process.env): SsoConfig | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer || !clientId || !clientSecret) return null;
  const name = env.OIDC_NAME?.trim().slice(0, 60) || "single sign-on";
  return { issuer, clientId, clientSecret, name, trustEmails: env.OIDC_TRUST_EMAILS === "1" };
}

/** The claims Stageline reads, as the ID token or the userinfo endpoint give them. */
export type SsoClaims = { sub: string; email?: unknown; email_verified?: unknown; name?: unknown };

const hasEmail = (c: Partial<SsoClaims> | null | undefined): c is SsoClaims & { email: string } =>
  typeof c?.email === "string" && c.email.trim() !== "";

/**
 * Whether the ID token leaves something to ask the userinfo endpoint: OpenID Connect lets a provider
 * send the claims asked for by scope (email, email_verified) from userinfo only, and some do.
 */
export const needsUserinfo = (idToken: SsoClaims, config: Pick<SsoConfig, "trustEmails">): boolean =>
  !hasEmail(idToken) || (!config.trustEmails && idToken.email_verified === undefined);

/**
 * One set of claims: the ID token's, with the e-mail and its verification from userinfo when the ID
 * token lacks them. An e-mail and the flag that vouches for it come from the same place: userinfo's
 * flag counts for the ID token's e-mail only when userinfo names that same e-mail.
 */
export function mergeClaims(idToken: SsoClaims, userinfo: Partial<SsoClaims> | null): SsoClaims {
  if (!userinfo) return idToken;
  if (!hasEmail(idToken)) return { ...idToken, email: userinfo.email, email_verified: userinfo.email_verified, name: idToken.name ?? userinfo.name };
  if (idToken.email_verified !== undefined || userinfo.email !== idToken.email) return idToken;
  return { ...idToken, email_verified: userinfo.email_verified };
}

/** Why a provider's answer signs no one in, as the sign-in page's `?error=` code. */
export type SsoRefusal = "SsoNoEmail" | "SsoEmailUnverified";

/**
 * The e-mail the provider vouches for, lower-cased, or why there is none. An e-mail counts only when
 * the provider marks it verified (`email_verified: true`; some providers send the string "true"),
 * since a provider whose users set their own e-mail would otherwise let anyone sign in as anyone.
 */
export function vouchedEmail(claims: SsoClaims, config: Pick<SsoConfig, "trustEmails">): { email: string } | { refused: SsoRefusal } {
  if (!hasEmail(claims)) return { refused: "SsoNoEmail" };
  const verified = claims.email_verified === true || claims.email_verified === "true";
  if (!verified && !config.trustEmails) return { refused: "SsoEmailUnverified" };
  return { email: claims.email.trim().toLowerCase() };
}

/** next-auth's provider: the authorization code flow with PKCE, the ID token checked, userinfo read when needed. */
export function ssoProvider(config: SsoConfig): OAuthConfig<SsoClaims> {
  return {
    id: "oidc",
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    userinfo: {
      // Called in place of reading the ID token alone. `tokens` is openid-client's TokenSet, whose
      // ID token next-auth has already checked; openid-client checks that userinfo's subject is its.
      async request({ tokens, client }) {
        const idToken = (tokens as unknown as { claims(): SsoClaims }).claims();
        const userinfo = needsUserinfo(idToken, config) ? ((await client.userinfo(tokens as never)) as Partial<SsoClaims>) : null;
        return mergeClaims(idToken, userinfo) as Profile;
      },
    },
    profile: (claims) => ({
      id: claims.sub,
      email: hasEmail(claims) ? claims.email : null,
      name: typeof claims.name === "string" ? claims.name : null,
    }),
  };
}
