// Single sign-on in a real browser, through a real OpenID Connect provider's login and consent pages
// (e2e/oidc): who gets in, and what those refused are told on the sign-in page.
import { expect, test, type Page } from "@playwright/test";
import { OIDC_ISSUER, OIDC_NAME, TRUSTING_PORT, type OidcLogin } from "./oidc/cast";

async function signInWithSso(page: Page, login: OidcLogin) {
  await page.goto("/signin");
  await page.getByRole("button", { name: `Sign in with ${OIDC_NAME}` }).click();
  await page.waitForURL((url) => url.origin === OIDC_ISSUER);
  // The provider's own development pages: a login (any password), then consent.
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

const home = (page: Page) => page.waitForURL((url) => url.origin !== OIDC_ISSUER && url.pathname === "/");

async function expectRefused(page: Page, code: string, title: string) {
  await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.get("error") === code);
  await expect(page.getByRole("alert").filter({ hasText: title })).toBeVisible();
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session).toEqual({});
}

test("the button carries the provider's name, and a known user signs in with the e-mail in the ID token", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: `Sign in with ${OIDC_NAME}` })).toBeVisible();
  await signInWithSso(page, "known");
  await home(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome back");
  await expect(page.getByText("Sales rep", { exact: true })).toBeVisible();
  expect((await (await page.request.get("/api/v1/me")).json()).email).toBe("rep@stageline.test");
});

test("a known user whose provider gives the e-mail only at the userinfo endpoint signs in", async ({ page }) => {
  await signInWithSso(page, "userinfo-only");
  await home(page);
  expect((await (await page.request.get("/api/v1/me")).json()).email).toBe("manager@stageline.test");
});

test("an e-mail the provider does not mark verified is refused, with the reason", async ({ page }) => {
  await signInWithSso(page, "unverified");
  await expectRefused(page, "SsoEmailUnverified", "Your email is not verified");
});

test("a stranger, verified but not a user, is refused with the message that no user has that e-mail", async ({ page }) => {
  await signInWithSso(page, "stranger");
  await expectRefused(page, "AccessDenied", "Single sign-on account not recognised");
  await expect(page.getByRole("alert").filter({ hasText: "no active Stageline user has that email" })).toBeVisible();
});

test.describe("on a server that trusts the provider's e-mails (OIDC_TRUST_EMAILS=1)", () => {
  test.use({ baseURL: `http://localhost:${TRUSTING_PORT}` });

  test("the unverified e-mail signs in; a stranger is still refused", async ({ page, browser }) => {
    await signInWithSso(page, "unverified");
    await home(page);
    expect((await (await page.request.get("/api/v1/me")).json()).email).toBe("rep2@stageline.test");

    const context = await browser.newContext({ baseURL: `http://localhost:${TRUSTING_PORT}` });
    const stranger = await context.newPage();
    await signInWithSso(stranger, "stranger");
    await expectRefused(stranger, "AccessDenied", "Single sign-on account not recognised");
    await context.close();
  });
});
