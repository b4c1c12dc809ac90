// A real OpenID Connect provider for the end-to-end tests (oidc-provider, in memory), with its
// development login and consent pages: any password signs in an account of cast.ts by its login.
// Started by playwright.config.ts as a web server: `npx tsx e2e/oidc/provider.ts`.
import Provider from "oidc-provider";
import { OIDC_ACCOUNTS, OIDC_CLIENT, OIDC_ISSUER, OIDC_PORT, type OidcLogin } from "./cast";

const redirectUris = (process.env.E2E_OIDC_REDIRECT_URIS ?? "").split(",").filter(Boolean);

const provider = new Provider(OIDC_ISSUER, {
  clients: [
    {
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Put the claims asked for by scope in the ID token too, so that each account decides (below)
  // whether its e-mail is there or only at the userinfo endpoint.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["e2e-only-cookie-key"] },
  async findAccount(_ctx, sub) {
    if (!(sub in OIDC_ACCOUNTS)) return undefined;
    const { emailInIdToken, ...claims } = OIDC_ACCOUNTS[sub as OidcLogin];
    return {
      accountId: sub,
      async claims(use: string) {
        if (use === "id_token" && !emailInIdToken) return { sub, name: claims.name };
        return { sub, ...claims };
      },
    };
  },
});

provider.listen(OIDC_PORT, () => console.log(`OpenID Connect provider for the e2e tests at ${OIDC_ISSUER}`));
