import { afterEach, describe, expect, test } from "vitest";
import { authOptions, ssoName } from "@/src/auth/next-auth-options";
import { PER_ACCOUNT_AND_CLIENT, signInKeys } from "@/src/server/auth/sign-in-limits";
import { db } from "@/src/server/db";
import { captureSecurityLog } from "@/src/server/security/security-log";
import { createUser, PASSWORD } from "../../support/fixtures";

const SSO = { OIDC_ISSUER: "https://idp.example.test/realms/acme/", OIDC_CLIENT_ID: "stageline", OIDC_CLIENT_SECRET: "s3cret" };
afterEach(() => {
  for (const k of [...Object.keys(SSO), "OIDC_NAME", "OIDC_TRUST_EMAILS"]) delete process.env[k];
});

describe("single sign-on", () => {
  test("is off unless issuer, client id and secret are all set, and is named by OIDC_NAME", () => {
    expect(ssoName()).toBeNull();
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials"]);
    process.env.OIDC_ISSUER = SSO.OIDC_ISSUER;
    expect(ssoName()).toBeNull();
    Object.assign(process.env, SSO);
    expect(ssoName()).toBe("single sign-on");
    const oidc = authOptions().providers.find((p) => p.id === "oidc") as any;
    expect(oidc.options?.wellKnown ?? oidc.wellKnown).toBe("https://idp.example.test/realms/acme/.well-known/openid-configuration");
    process.env.OIDC_NAME = "  Acme ID ";
    expect([ssoName(), (authOptions().providers.find((p) => p.id === "oidc") as any).name]).toEqual(["Acme ID", "Acme ID"]);
  });

  test("signs in only existing, active users, by an e-mail the provider marks verified, as themselves", async () => {
    Object.assign(process.env, SSO);
    const { callbacks } = authOptions();
    const active = await createUser({ role: "manager", email: "dana@example.test" });
    await createUser({ role: "rep", email: "gone@example.test", active: false });
    const account = { provider: "oidc", type: "oauth", providerAccountId: "x" } as any;
    const signIn = (email: string | null, vouched: { email_verified?: unknown } = { email_verified: true }) =>
      Promise.resolve()
        .then(() =>
          callbacks!.signIn!({ user: { id: "idp-sub", email }, account, profile: { sub: "idp-sub", email: email ?? undefined, ...vouched } } as any),
        )
        .catch((e: Error) => `thrown ${e.message}`);
    const { result, lines } = await captureSecurityLog(async () => ({
      verified: await signIn("Dana@Example.test"),
      verifiedAsText: await signIn("dana@example.test", { email_verified: "true" }),
      inactive: await signIn("gone@example.test"),
      stranger: await signIn("stranger@example.test"),
      unverified: await signIn("dana@example.test", { email_verified: false }),
      unsaid: await signIn("dana@example.test", {}),
      noEmail: await signIn(null),
    }));
    expect(result).toEqual({
      verified: true,
      verifiedAsText: true,
      inactive: false,
      stranger: false,
      unverified: "thrown SsoEmailUnverified",
      unsaid: "thrown SsoEmailUnverified",
      noEmail: "thrown SsoNoEmail",
    });
    expect(lines.map((l) => [l.event, l.email ?? null, l.reason ?? null])).toEqual([
      ["signin.succeeded", "dana@example.test", null],
      ["signin.succeeded", "dana@example.test", null],
      ["signin.failed", "gone@example.test", "no_active_user"],
      ["signin.failed", "stranger@example.test", "no_active_user"],
      ["signin.failed", "dana@example.test", "SsoEmailUnverified"],
      ["signin.failed", "dana@example.test", "SsoEmailUnverified"],
      ["signin.failed", null, "SsoNoEmail"],
    ]);
    const token = await callbacks!.jwt!({ token: {}, user: { id: "idp-sub", email: "dana@example.test" }, account } as any);
    expect(token.sub).toBe(active.id); // our user id, not the identity provider's subject
  });

  test("a provider trusted with OIDC_TRUST_EMAILS=1 signs in an e-mail it does not mark verified", async () => {
    Object.assign(process.env, SSO, { OIDC_TRUST_EMAILS: "1" });
    await createUser({ role: "rep", email: "trusted@example.test" });
    const account = { provider: "oidc", type: "oauth", providerAccountId: "x" } as any;
    const profile = { sub: "idp-sub", email: "trusted@example.test", email_verified: false };
    expect(await authOptions().callbacks!.signIn!({ user: { id: "idp-sub", email: profile.email }, account, profile } as any)).toBe(true);
  });
});

describe("email and password on the sign-in page", () => {
  test("a correct password signs in; a wrong one does not; failures are counted", async () => {
    const user = await createUser({ role: "rep", email: "page@example.test" });
    const credentials = authOptions().providers.find((p) => p.id === "credentials") as any;
    const authorize = credentials.options.authorize as (c: unknown, req: unknown) => Promise<unknown>;
    const req = { headers: {} };
    expect(await authorize({ email: "page@example.test", password: PASSWORD }, req)).toMatchObject({ id: user.id });
    expect(await authorize({ email: "page@example.test", password: "wrong" }, req)).toBeNull();
    const counter = await db().rateLimitCounter.findUnique({ where: { key: signInKeys("page@example.test", null).pair } });
    expect(counter?.count).toBe(1);
    for (let i = 1; i < PER_ACCOUNT_AND_CLIENT.limit; i++) await authorize({ email: "page@example.test", password: "wrong" }, req);
    await expect(authorize({ email: "page@example.test", password: PASSWORD }, req)).rejects.toThrow("RateLimited");
  });
});
