// Signing in and out, the role-aware home page, and API tokens from the settings page, in a real
// browser against the built app with demo data.
import { expect, test, type Page } from "@playwright/test";

const PASSWORD = "stageline-demo";

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function signInAt(page: Page, path: string, email: string) {
  await page.goto("/signin");
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === path);
}

test("a wrong password shows an error and stays on the sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, "rep2@stageline.test", "not-the-password");
  // Next's route announcer is an alert too: find ours by its text.
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/signin");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
});

test("the demo rep signs in and lands on their pipeline", async ({ page }) => {
  await signInAt(page, "/", "rep@stageline.test");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome back");
  await expect(page.getByText("Sales rep", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pipeline by stage" })).toBeVisible();
  await expect(page.getByText("Open pipeline")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Next steps due this week" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Board" })).toBeVisible();
});

test("every link of the home page and the navigation leads to a page, for every role", async ({ page }) => {
  // Four sign-ins and every page each role's home links to (the dashboard computes its figures):
  // more than one test's usual time on a loaded 2-core machine.
  test.slow();
  for (const email of ["rep@stageline.test", "manager@stageline.test", "finance@stageline.test", "admin@stageline.test"]) {
    await signInAt(page, "/", email);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const hrefs = await page.locator("a[href^='/']").evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href")!))]);
    expect(hrefs).toContain("/board");
    for (const href of hrefs) {
      const res = await page.request.get(href);
      expect(res.status(), `${email}: ${href}`).toBe(200);
    }
    await page.context().clearCookies();
  }
});

test("the deal desk sees its pending approvals", async ({ page }) => {
  await signInAt(page, "/", "finance@stageline.test");
  await expect(page.getByRole("heading", { name: "Pending approvals" })).toBeVisible();
  await expect(page.getByTestId("pending-approvals")).toHaveText(/^\d+$/);
  await expect(page.getByRole("heading", { name: "Pipeline by stage" })).toHaveCount(0);
});

test("the admin sees the workspace overview", async ({ page }) => {
  await signInAt(page, "/", "admin@stageline.test");
  await expect(page.getByRole("heading", { name: "Workspace overview" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Active process: .+ · version \d+/ })).toBeVisible();
  await expect(page.getByText("Users", { exact: true })).toBeVisible();
  await expect(page.getByText("Teams", { exact: true })).toBeVisible();
});

test("signing out returns to the sign-in page, and the old session cookie is refused from then on", async ({ page, browser, request }) => {
  await signInAt(page, "/", "manager@stageline.test");
  const [session] = (await page.context().cookies()).filter((c) => c.name === "next-auth.session-token");
  const asOldCookie = { headers: { cookie: `${session!.name}=${session!.value}` } };
  expect((await request.get("/api/v1/me", asOldCookie)).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/signin");
  await page.goto("/");
  await page.waitForURL((url) => url.pathname === "/signin");

  // Someone who copied the cookie before the sign-out gets nothing with it.
  expect((await request.get("/api/v1/me", asOldCookie)).status()).toBe(401);
  const copy = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await copy.addCookies([session!]);
  const copied = await copy.newPage();
  await copied.goto("/board");
  await copied.waitForURL((url) => url.pathname === "/signin");
  await copy.close();
});

test("changing the password on the settings page signs out the other browsers, not this one", async ({ page, browser, request }) => {
  // A user of this test's own, so that no other test's password changes.
  const admin = await (await request.post("/api/v1/tokens", { data: { email: "admin@stageline.test", password: PASSWORD } })).json();
  const email = `pw-${Date.now()}@stageline.test`;
  const first = "orbit kettle zebra 41";
  const created = await request.post("/api/v1/users", {
    headers: { Authorization: `Bearer ${admin.token}` },
    data: { email, name: "Pat Password", password: first, role: "rep" },
  });
  expect(created.status()).toBe(201);

  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const elsewhere = await other.newPage();
  await elsewhere.goto("/signin");
  await signIn(elsewhere, email, first);
  await elsewhere.waitForURL((url) => url.pathname === "/");

  await page.goto("/signin?callbackUrl=%2Fsettings");
  await signIn(page, email, first);
  await page.waitForURL((url) => url.pathname === "/settings");
  const change = async (next: string) => {
    await page.getByLabel("Current password").fill(first);
    await page.getByLabel("New password", { exact: true }).fill(next);
    await page.getByLabel("New password again").fill(next);
    await page.getByRole("button", { name: "Change password" }).click();
  };
  await change("password1234");
  await expect(page.getByText("too easy to guess: This is similar to a commonly used password.")).toBeVisible();
  await change("lantern meadow copper 7");
  await expect(page.getByRole("status").filter({ hasText: "Password changed. 1 other session was signed out." })).toBeVisible();

  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await elsewhere.goto("/board");
  await elsewhere.waitForURL((url) => url.pathname === "/signin");
  await other.close();

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.waitForURL((url) => url.pathname === "/signin");
  await signIn(page, email, "lantern meadow copper 7");
  await page.waitForURL((url) => url.pathname === "/");
});

test("settings while signed out redirects to sign-in, and back after it", async ({ page }) => {
  await page.goto("/settings");
  await page.waitForURL((url) => url.pathname === "/signin");
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/settings");
  await signIn(page, "rep@stageline.test");
  await page.waitForURL((url) => url.pathname === "/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
});

test("an API token created on the settings page authenticates the REST API", async ({ page, request }) => {
  await signInAt(page, "/", "rep@stageline.test");
  await page.goto("/settings");
  const name = `e2e token ${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();

  const field = page.getByLabel("New API token");
  await expect(field).toHaveValue(/^stl_/);
  const token = await field.inputValue();
  await expect(page.getByText("will not be shown again")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(token.slice(0, 10));

  // The `request` fixture has no browser cookies: only the bearer token can authenticate it.
  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe("rep@stageline.test");

  const anonymous = await request.get("/api/v1/me");
  expect(anonymous.status()).toBe(401);
});

test("an address with no page answers 404 with a way back, signed in or not", async ({ page }) => {
  const anonymous = await page.goto("/no-such-page");
  expect(anonymous?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/signin");
  await signIn(page, "rep@stageline.test");
  await expect(page).toHaveURL(/\/$/);
  const signedIn = await page.goto("/no-such-page");
  expect(signedIn?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the board" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Board" })).toBeVisible();
});

// A form posted before the page's JavaScript has run (slow network, blocked script) must still sign
// in: without JavaScript the browser submits the form natively.
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the right password signs in and lands on the home page", async ({ page }) => {
    await signInAt(page, "/", "rep@stageline.test");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome back");
    await expect(page.getByRole("heading", { name: "Pipeline by stage" })).toBeVisible();
  });

  test("the session it makes is next-auth's own: next-auth reads it, and its sign-out ends it", async ({ page }) => {
    await signInAt(page, "/", "manager@stageline.test");
    const session = await (await page.request.get("/api/auth/session")).json();
    expect(session.user.email).toBe("manager@stageline.test");

    // What the Sign out button asks next-auth to do (the button itself needs JavaScript).
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    await page.request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "/signin" } });
    await page.goto("/");
    await page.waitForURL((url) => url.pathname === "/signin");
  });

  test("a wrong password shows the error and stays on the sign-in page", async ({ page }) => {
    await page.goto("/signin");
    await signIn(page, "rep2@stageline.test", "not-the-password");
    await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.has("error"));
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  });

  test("it goes back to the page that asked for sign-in, and only to a page of this site", async ({ page }) => {
    await page.goto("/settings");
    await page.waitForURL((url) => url.pathname === "/signin");
    await signIn(page, "rep@stageline.test");
    await page.waitForURL((url) => url.pathname === "/settings");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

    await page.context().clearCookies();
    await page.goto(`/signin?callbackUrl=${encodeURIComponent("//evil.test/steal")}`);
    const site = new URL(page.url()).origin;
    await signIn(page, "rep@stageline.test");
    await page.waitForURL((url) => url.origin === site && url.pathname === "/");
  });
});

test("failed attempts with and without JavaScript count towards one limit", async ({ page, browser }) => {
  // An unknown address: the limit is per email, so no demo account gets locked.
  const email = `nobody-${Date.now()}@stageline.test`;
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.goto("/signin");
    await signIn(page, email, "wrong");
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  }

  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false });
  const noScript = await context.newPage();
  const attempt = async (expected: string) => {
    await noScript.goto("/signin");
    await signIn(noScript, email, "wrong");
    await noScript.waitForURL((url) => url.searchParams.get("error") === expected);
  };
  await attempt("CredentialsSignin");
  await attempt("CredentialsSignin");
  await attempt("RateLimited");
  await expect(noScript.getByRole("alert").filter({ hasText: "Too many failed attempts" })).toBeVisible();
  await context.close();
});

// The app's own server (scripts/serve.mjs) tells it each connection's address. Under plain `next start`
// the app could only trust headers the client wrote, so limits were per account alone.
test("sign-in limits count each connection's own address, whatever address headers the client sends", async ({ request }) => {
  const port = new URL(test.info().project.use.baseURL!).port;
  const email = `target-${Date.now()}@stageline.test`;
  const attempt = (host: string, forged: string) =>
    request.post(`http://${host}:${port}/api/v1/tokens`, {
      data: { email, password: "wrong" },
      headers: { "x-stageline-peer": `forged ${forged}`, "x-forwarded-for": forged },
    });
  for (let i = 1; i <= 5; i++) expect((await attempt("127.0.0.1", `198.51.100.${i}`)).status()).toBe(401);
  const refused = await attempt("127.0.0.1", "::1");
  expect(refused.status()).toBe(429);
  expect(refused.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  // Another connection, from the IPv6 loopback: another client, not locked out of that account.
  expect((await attempt("[::1]", "127.0.0.1")).status()).toBe(401);
});
