import { afterEach, describe, expect, test } from "vitest";
import { authOptions, isSsoEnabled } from "@/src/auth/next-auth-options";
import { PER_ACCOUNT_AND_CLIENT, signInKeys } from "@/src/server/auth/sign-in-limits";
import { db } from "@/src/server/db";
import { createUser, PASSWORD } from "../../support/fixtures";

const SSO = { OIDC_ISSUER: "https://idp.example.test/realms/acme/", OIDC_CLIENT_ID: "stageline", OIDC_CLIENT_SECRET: "s3cret" };
afterEach(() => {
  for (const k of Object.keys(SSO)) delete process.env[k];
});

describe("single sign-on", () => {
  test("is off unless issuer, client id and secret are all set", () => {
    expect(isSsoEnabled()).toBe(false);
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials"]);
    process.env.OIDC_ISSUER = SSO.OIDC_ISSUER;
    expect(isSsoEnabled()).toBe(false);
    Object.assign(process.env, SSO);
    expect(isSsoEnabled()).toBe(true);
    const oidc = authOptions().providers.find((p) => p.id === "oidc") as any;
    expect(oidc.options?.wellKnown ?? oidc.wellKnown).toBe("https://idp.example.test/realms/acme/.well-known/openid-configuration");
  });

  test("signs in only existing, active users, as themselves", async () => {
    Object.assign(process.env, SSO);
    const { callbacks } = authOptions();
    const active = await createUser({ role: "manager", email: "dana@example.test" });
    await createUser({ role: "rep", email: "gone@example.test", active: false });
    const account = { provider: "oidc", type: "oauth", providerAccountId: "x" } as any;
    const signIn = (email: string | null) => callbacks!.signIn!({ user: { id: "idp-sub", email }, account } as any);
    expect(await signIn("Dana@Example.test")).toBe(true);
    expect(await signIn("gone@example.test")).toBe(false);
    expect(await signIn("stranger@example.test")).toBe(false);
    expect(await signIn(null)).toBe(false);
    const token = await callbacks!.jwt!({ token: {}, user: { id: "idp-sub", email: "dana@example.test" }, account } as any);
    expect(token.sub).toBe(active.id); // our user id, not the identity provider's subject
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
