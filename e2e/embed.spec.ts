// The embeddable stage path (docs/embedding.md) in Chromium against the built app: a page served
// from an allowed origin frames a deal by its CRM record, shows it, and a criterion is ticked in the
// frame, and the deal moved there with the page's own refusals; a page from any other origin is
// refused the frame; without a session the frame's Sign in pop-up signs in and the frame reloads
// showing the deal (asking for its cookies first where the browser wants that); the embed page
// passes axe.
//
// The parent page is served from another port of localhost (EMBED_PARENT_ORIGIN, which the app's
// EMBED_ORIGINS names in playwright.config.ts). Ports do not make another site, so this page and the
// app are the same site: the session cookie, SameSite=Lax over plain HTTP, goes along with the
// frame's requests, as SameSite=None does for a CRM on another site over HTTPS. A parent on another
// site (127.0.0.1 against localhost) over HTTP would get no cookie in the frame at all, and Chromium
// refuses SameSite=None without Secure, so that case cannot be run over plain HTTP; the pop-up test
// checks the other half, signing in from inside a frame.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { api, expectNoSeriousViolations, PASSWORD, REP, signIn, tokenFor, uid } from "./support/app";
import { EMBED_PARENT_ORIGIN, EMBED_PARENT_PORT } from "./support/embed-ports";

test.describe.configure({ timeout: 90_000 });

type Deal = { id: string; name: string; version: number };

async function dealOfRecord(request: APIRequestContext): Promise<{ deal: Deal; record: string }> {
  const token = await tokenFor(request, REP);
  const account = `Harbor Lights ${uid()}`;
  const record = `0065g${uid()}${uid()}`;
  const deal = await api<Deal>(request, token, "post", "/opportunities", {
    name: `${account} - Fleet tracking`,
    accountName: account,
    amount: 52000,
    closeDate: "2027-06-30",
    nextStep: "Discovery call with the COO",
    nextStepDue: "2027-05-01",
    externalSource: "salesforce",
    externalId: record,
  });
  return { deal, record };
}

/** A plain page with one iframe of `src`, as a CRM's record page would have, on `port` (0: any free one). */
async function parentPage(src: string, port: number): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((_, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(
      `<!doctype html><html lang="en"><title>CRM record</title><h1>Opportunity record</h1>` +
        `<iframe title="Stageline stage path" src="${src}" style="width:100%;max-width:960px;height:400px;border:1px solid #ddd"></iframe></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(port, "localhost", resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  const log = await page.context().newCDPSession(page);
  log.on("Log.entryAdded", ({ entry }) => {
    if (/Refused to|Content Security Policy/i.test(entry.text)) violations.push(entry.text);
  });
  await log.send("Log.enable");
  return violations;
}

test("a page of an allowed origin frames a deal by its CRM record, and a criterion is ticked in the frame", async ({ page, request, baseURL }) => {
  const { deal, record } = await dealOfRecord(request);
  await signIn(page, REP);
  const parent = await parentPage(`${baseURL}/embed/by-external/salesforce/${record}`, EMBED_PARENT_PORT);
  try {
    await page.goto(parent.url);
    expect(new URL(page.url()).origin).toBe(EMBED_PARENT_ORIGIN);
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("heading", { name: deal.name, level: 1 })).toBeVisible();
    await expect(frame.getByRole("list", { name: "Stage path" }).locator('[aria-current="step"]')).toContainText("Identify");
    await expect(frame.getByRole("heading", { name: "Exit criteria to leave Identify" })).toBeVisible();
    // The stage's guidance, in short: what it means and what to do now.
    const guidance = frame.getByRole("region", { name: "Identify: what this stage means" });
    await expect(guidance).toBeVisible();
    await expect(guidance.getByRole("list", { name: "Seller activities" }).getByRole("listitem").first()).toBeVisible();
    await expect(frame.getByRole("heading", { name: "Deal desk approval" })).toBeVisible();
    await expect(frame.getByText("Discovery call with the COO")).toBeVisible();
    const open = frame.getByRole("link", { name: /Open in Stageline/ });
    await expect(open).toHaveAttribute("target", "_blank");
    await expect(open).toHaveAttribute("href", `/opportunities/${deal.id}`);

    const count = frame.getByTestId("criteria-count");
    const before = await count.textContent();
    await frame.getByRole("checkbox", { name: "Met a decision maker or influencer" }).check();
    await expect(frame.locator('[data-criterion="decision_maker_meeting"]')).toHaveAttribute("data-satisfied", "true");
    await expect(count).not.toHaveText(before ?? "");

    // Saved on the server, through the deal page's own server function.
    const token = await tokenFor(request, REP);
    const saved = await api<{ version: number }>(request, token, "get", `/opportunities/${deal.id}`);
    expect(saved.version).toBeGreaterThan(deal.version);
    await page.reload();
    await expect(frame.getByRole("checkbox", { name: "Met a decision maker or influencer" })).toBeChecked();

    // Unticked again, the same way.
    await frame.getByRole("checkbox", { name: "Met a decision maker or influencer" }).uncheck();
    await expect(frame.locator('[data-criterion="decision_maker_meeting"]')).toHaveAttribute("data-satisfied", "false");
  } finally {
    parent.close();
  }
});

test("in the frame the deal moves as on its page: refused with what is missing, then moved once it is met", async ({ page, request, baseURL }) => {
  const { deal } = await dealOfRecord(request);
  const token = await tokenFor(request, REP);
  const version = async () => (await api<Deal>(request, token, "get", `/opportunities/${deal.id}`)).version;
  // Identify's criteria, all but the decision maker among the contacts.
  await api(request, token, "post", `/opportunities/${deal.id}/criteria/decision_maker_meeting`, { satisfied: true, version: await version() });
  await api(request, token, "patch", `/opportunities/${deal.id}`, { version: await version(), buyingProcess: "Ops lead evaluates, CFO signs" });
  await signIn(page, REP);
  const parent = await parentPage(`${baseURL}/embed/opportunities/${deal.id}`, EMBED_PARENT_PORT);
  try {
    await page.goto(parent.url);
    const frame = page.frameLocator("iframe");
    const path = frame.getByRole("list", { name: "Stage path" });
    await expect(path.locator('[aria-current="step"]')).toContainText("Identify");

    await path.getByRole("button", { name: /^Qualify/ }).click();
    let dialog = frame.getByRole("dialog", { name: "Move to Qualify" });
    await dialog.getByRole("button", { name: "Move to Qualify" }).click();
    await expect(dialog.getByRole("alert").filter({ hasText: "The move was refused" })).toBeVisible();
    await expect(dialog.getByTestId("unmet-criteria")).toContainText("decision maker");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    await api(request, token, "put", `/opportunities/${deal.id}/contacts`, {
      version: await version(),
      contacts: [{ name: "Dee Maker", role: "decision_maker" }],
    });
    await page.reload();
    await path.getByRole("button", { name: /^Qualify/ }).click();
    dialog = frame.getByRole("dialog", { name: "Move to Qualify" });
    await expect(dialog).toContainText("Every exit criterion on the way is met.");
    await dialog.getByRole("button", { name: "Move to Qualify" }).click();
    await expect(dialog).toBeHidden();
    await expect(path.locator('[aria-current="step"]')).toContainText("Qualify");
    expect((await api<{ stage: string }>(request, token, "get", `/opportunities/${deal.id}`)).stage).toBe("qualify");
  } finally {
    parent.close();
  }
});

test("a page of any other origin is refused the frame: its content does not load", async ({ page, request, baseURL }) => {
  const { deal } = await dealOfRecord(request);
  await signIn(page, REP);
  const violations = await watchViolations(page);
  const parent = await parentPage(`${baseURL}/embed/opportunities/${deal.id}`, 0);
  try {
    await page.goto(parent.url);
    await expect
      .poll(() => violations.join("\n"))
      .toMatch(
        new RegExp(`Framing '[^']*' violates the following Content Security Policy directive: "frame-ancestors 'self' ${EMBED_PARENT_ORIGIN}"`),
      );
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame.url()).not.toContain("/embed/");
    await expect(page.frameLocator("iframe").getByRole("heading", { name: deal.name })).toHaveCount(0);
  } finally {
    parent.close();
  }
});

test("without a session the frame's Sign in opens a pop-up; once signed in it closes and the frame shows the deal", async ({
  browser,
  request,
  baseURL,
}) => {
  const { deal } = await dealOfRecord(request);
  const context = await browser.newContext();
  const page = await context.newPage();
  const parent = await parentPage(`${baseURL}/embed/opportunities/${deal.id}`, EMBED_PARENT_PORT);
  try {
    await page.goto(parent.url);
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("heading", { name: "Sign in to see this deal's stage path" })).toBeVisible();
    const [popup] = await Promise.all([page.waitForEvent("popup"), frame.getByRole("button", { name: "Sign in" }).click()]);
    await popup.getByLabel("Email", { exact: true }).fill(REP);
    await popup.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await popup.getByRole("button", { name: "Sign in", exact: true }).click();
    await popup.waitForEvent("close", { timeout: 30_000 });
    await expect(frame.getByRole("heading", { name: deal.name, level: 1 })).toBeVisible();
  } finally {
    parent.close();
    await context.close();
  }
});

test("where the browser asks before a frame uses its cookies, the frame asks once the pop-up closed, and a refusal says what to do", async ({
  browser,
  request,
  baseURL,
}) => {
  const { deal } = await dealOfRecord(request);
  const context = await browser.newContext();
  // The Storage Access API as a browser that blocks third-party cookies offers it, in frames only:
  // no access until the frame asks, the first request refused, the second granted.
  await context.addInitScript(() => {
    if (window === window.top) return;
    const key = "storage-access-asked";
    Object.defineProperty(Document.prototype, "hasStorageAccess", {
      configurable: true,
      value: () => Promise.resolve(Number(sessionStorage.getItem(key) ?? 0) >= 2),
    });
    Object.defineProperty(Document.prototype, "requestStorageAccess", {
      configurable: true,
      value: () => {
        const asked = Number(sessionStorage.getItem(key) ?? 0) + 1;
        sessionStorage.setItem(key, String(asked));
        return asked >= 2 ? Promise.resolve() : Promise.reject(new DOMException("Refused", "NotAllowedError"));
      },
    });
  });
  const page = await context.newPage();
  const parent = await parentPage(`${baseURL}/embed/opportunities/${deal.id}`, EMBED_PARENT_PORT);
  try {
    await page.goto(parent.url);
    const frame = page.frameLocator("iframe");
    const [popup] = await Promise.all([page.waitForEvent("popup"), frame.getByRole("button", { name: "Sign in" }).click()]);
    await popup.getByLabel("Email", { exact: true }).fill(REP);
    await popup.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await popup.getByRole("button", { name: "Sign in", exact: true }).click();
    await popup.waitForEvent("close", { timeout: 30_000 });

    // Signed in, but the frame may not use the cookie yet: it asks, on a click of its own.
    await expect(frame.getByText("You are signed in. Your browser asks before it lets this panel use your Stageline sign-in")).toBeVisible();
    await expect(frame.getByRole("heading", { name: deal.name, level: 1 })).toHaveCount(0);
    await frame.getByRole("button", { name: "Continue" }).click();
    await expect(frame.getByRole("status")).toContainText("The browser did not allow it.");
    await expect(frame.getByRole("link", { name: "open Stageline in a new tab" })).toHaveAttribute("target", "_blank");
    await frame.getByRole("button", { name: "Continue" }).click();
    await expect(frame.getByRole("heading", { name: deal.name, level: 1 })).toBeVisible();
  } finally {
    parent.close();
    await context.close();
  }
});

test("a record with no deal shows the designed empty state in the frame", async ({ page }) => {
  await signIn(page, REP);
  const res = await page.goto(`/embed/by-external/salesforce/0065gNOSUCHRECORD${uid()}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No deal to show here" })).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("the embed page passes axe, signed in and signed out", async ({ page, request, browser }) => {
  const { deal } = await dealOfRecord(request);
  await signIn(page, REP, `/embed/opportunities/${deal.id}`);
  await expect(page.getByRole("heading", { name: deal.name, level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page);
  const context = await browser.newContext();
  const anonymous = await context.newPage();
  await anonymous.goto(`${new URL(page.url()).origin}/embed/opportunities/${deal.id}`);
  await expect(anonymous.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectNoSeriousViolations(anonymous);
  await context.close();
});
