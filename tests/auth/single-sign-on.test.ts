import { describe, expect, test } from "vitest";
import { mergeClaims, needsUserinfo, ssoConfig, vouchedEmail } from "@/src/auth/single-sign-on";

const strict = { trustEmails: false };
const trusting = { trustEmails: true };

describe("ssoConfig", () => {
  const env = { OIDC_ISSUER: "https://idp.example.test", OIDC_CLIENT_ID: "stageline", OIDC_CLIENT_SECRET: "s" };
  test("names the provider by OIDC_NAME, and trusts its e-mails only with OIDC_TRUST_EMAILS=1", () => {
    expect(ssoConfig(env)).toMatchObject({ name: "single sign-on", trustEmails: false });
    expect(ssoConfig({ ...env, OIDC_NAME: "Okta", OIDC_TRUST_EMAILS: "1" })).toMatchObject({ name: "Okta", trustEmails: true });
    expect(ssoConfig({ ...env, OIDC_NAME: "  ", OIDC_TRUST_EMAILS: "yes" })).toMatchObject({ name: "single sign-on", trustEmails: false });
    expect(ssoConfig({ ...env, OIDC_CLIENT_SECRET: "" })).toBeNull();
  });
});

describe("which claims count", () => {
  test("userinfo is asked only when the ID token has no e-mail, or (untrusted) no word on it", () => {
    expect(needsUserinfo({ sub: "1", email: "a@x.test", email_verified: true }, strict)).toBe(false);
    expect(needsUserinfo({ sub: "1", email: "a@x.test", email_verified: false }, strict)).toBe(false);
    expect(needsUserinfo({ sub: "1" }, strict)).toBe(true);
    expect(needsUserinfo({ sub: "1", email: " " }, trusting)).toBe(true);
    expect(needsUserinfo({ sub: "1", email: "a@x.test" }, strict)).toBe(true);
    expect(needsUserinfo({ sub: "1", email: "a@x.test" }, trusting)).toBe(false);
  });

  test("an e-mail only in userinfo comes with userinfo's verification", () => {
    expect(mergeClaims({ sub: "1", name: "Ana" }, { sub: "1", email: "a@x.test", email_verified: true })).toEqual({
      sub: "1",
      name: "Ana",
      email: "a@x.test",
      email_verified: true,
    });
    expect(mergeClaims({ sub: "1" }, { sub: "1", email: "a@x.test" })).toEqual({
      sub: "1",
      email: "a@x.test",
      email_verified: undefined,
      name: undefined,
    });
  });

  test("the ID token's e-mail keeps its own verification; userinfo's counts only for that same e-mail", () => {
    const idToken = { sub: "1", email: "a@x.test" };
    expect(mergeClaims({ ...idToken, email_verified: false }, { sub: "1", email: "a@x.test", email_verified: true })).toEqual({
      ...idToken,
      email_verified: false,
    });
    expect(mergeClaims(idToken, { sub: "1", email: "a@x.test", email_verified: true })).toEqual({ ...idToken, email_verified: true });
    expect(mergeClaims(idToken, { sub: "1", email: "other@x.test", email_verified: true })).toEqual(idToken);
  });
});

describe("vouchedEmail", () => {
  test("a verified e-mail, lower-cased; some providers say true as a string", () => {
    expect(vouchedEmail({ sub: "1", email: " Ana@X.test ", email_verified: true }, strict)).toEqual({ email: "ana@x.test" });
    expect(vouchedEmail({ sub: "1", email: "ana@x.test", email_verified: "true" }, strict)).toEqual({ email: "ana@x.test" });
  });

  test("an e-mail not marked verified is refused unless the provider is trusted", () => {
    for (const email_verified of [false, "false", undefined, 1, null])
      expect(vouchedEmail({ sub: "1", email: "ana@x.test", email_verified }, strict)).toEqual({ refused: "SsoEmailUnverified" });
    expect(vouchedEmail({ sub: "1", email: "ana@x.test", email_verified: false }, trusting)).toEqual({ email: "ana@x.test" });
  });

  test("no e-mail at all is refused, trusted or not", () => {
    expect(vouchedEmail({ sub: "1" }, trusting)).toEqual({ refused: "SsoNoEmail" });
    expect(vouchedEmail({ sub: "1", email: 42 }, strict)).toEqual({ refused: "SsoNoEmail" });
  });
});
