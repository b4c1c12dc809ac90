// The local OpenID Connect provider of the end-to-end tests (provider.ts), and the app servers it
// signs in to: shared by playwright.config.ts, the provider and the specs.

export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3199);
export const OIDC_ISSUER = `http://localhost:${OIDC_PORT}`;
export const OIDC_CLIENT = { id: "stageline-e2e", secret: "stageline-e2e-client-secret" };
/** What the sign-in button says after "Sign in with". */
export const OIDC_NAME = "Acme ID";

/** A second app server, whose provider is trusted with e-mails it does not mark verified (OIDC_TRUST_EMAILS=1). */
export const TRUSTING_PORT = Number(process.env.E2E_TRUSTING_PORT ?? 3102);

/**
 * The provider's people, by login. Their e-mails are the demo users' (each app server loads the
 * demo data), except the stranger's.
 */
export const OIDC_ACCOUNTS = {
  /** The e-mail, verified, in the ID token. */
  known: { email: "rep@stageline.test", email_verified: true, name: "Riley Rep", emailInIdToken: true },
  /** The e-mail, verified, only from the userinfo endpoint, as OpenID Connect allows. */
  "userinfo-only": { email: "manager@stageline.test", email_verified: true, name: "Morgan Manager", emailInIdToken: false },
  /** An e-mail the user typed in themselves: the provider does not vouch for it. */
  unverified: { email: "rep2@stageline.test", email_verified: false, name: "Robin Rep", emailInIdToken: true },
  /** Verified, but no Stageline user has it. */
  stranger: { email: "stranger@elsewhere.test", email_verified: true, name: "Sam Stranger", emailInIdToken: true },
} as const;

export type OidcLogin = keyof typeof OIDC_ACCOUNTS;
