// The deal desk's pages in a real browser against the built app with demo data: the queue with a
// request waiting on finance, its filters kept in the address, the empty state, the request's page,
// a 404 for a request the viewer may not see, and an accessibility scan of both pages. The request
// is submitted through the API on a deal the test makes non-standard (a 35% discount).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const PASSWORD = "stageline-demo";
const REP = "rep@stageline.test";
const FINANCE = "finance@stageline.test";
const LEGAL = "legal@stageline.test";

test.describe.configure({ timeout: 90_000 });

const uid = () => Math.random().toString(36).slice(2, 8);
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function tokenFor(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post("/api/v1/tokens", { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(201);
  return (await res.json()).token;
}

async function api<T = Record<string, any>>(
  request: APIRequestContext,
  token: string,
  method: "get" | "post",
  path: string,
  data?: unknown,
): Promise<T> {
  const res = await request[method](`/api/v1${path}`, { headers: auth(token), data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

/** A rep's deal at a 35% discount (sales manager and finance must approve), submitted for approval. */
async function submittedDeal(request: APIRequestContext) {
  const token = await tokenFor(request, REP);
  const account = `Desk ${uid()}`;
  const deal = await api(request, token, "post", "/opportunities", {
    name: `${account} - Platform`,
    accountName: account,
    amount: 72000,
    closeDate: "2027-06-30",
    discountPercent: 35,
  });
  const submitted = await api(request, token, "post", `/opportunities/${deal.id}/approval-requests`, {
    justification: "Three-year commitment in exchange for the discount",
  });
  return { deal, requestId: submitted.id as string, account };
}

async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("finance finds the request in its queue, filters it, opens it; both pages pass an accessibility scan", async ({ page, request }) => {
  const { requestId, account } = await submittedDeal(request);
  await signIn(page, FINANCE);

  // The navigation's link counts what waits on finance.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: /^Deal desk, \d+ waiting on you$/ })).toBeVisible();
  await nav.getByRole("link", { name: /Deal desk/ }).click();
  await expect(page.getByRole("heading", { name: "Deal desk", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: account });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Discount above 30% off list");
  await expect(row).toContainText("On time");
  await expectNoSeriousViolations(page);

  // Filters are a GET form: the address keeps them, and the empty state names what is empty.
  await page.getByLabel("Late only").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL((url) => url.searchParams.get("late") === "1");
  await expect(page.getByRole("row").filter({ hasText: account })).toHaveCount(0);
  await page.getByLabel("Late only").uncheck();
  await page.getByLabel("Status").selectOption("rejected");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL((url) => url.searchParams.get("status") === "rejected");
  await expect(page.getByRole("heading", { name: "No rejected requests for your groups" })).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.goto("/deal-desk");
  await page.getByRole("link", { name: `${account} - Platform` }).click();
  await page.waitForURL(`**/deal-desk/${requestId}`);
  await expect(page.getByRole("heading", { name: `${account} - Platform`, level: 1 })).toBeVisible();
  await expect(page.getByText("Three-year commitment in exchange for the discount")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Finance", level: 3 })).toBeVisible();
  await expect(page.getByRole("row", { name: /Discount/ })).toContainText("35%");
  await expectNoSeriousViolations(page);
});

test("a request routed to other groups is not found for legal; its queue says nothing waits on it", async ({ page, request }) => {
  const { requestId, account } = await submittedDeal(request);
  await signIn(page, LEGAL);
  await page.goto("/deal-desk");
  await expect(page.getByRole("row").filter({ hasText: account })).toHaveCount(0);
  await page.goto(`/deal-desk/${requestId}`);
  await expect(page.getByRole("heading", { name: "Approval request not found" })).toBeVisible();
  await expectNoSeriousViolations(page);
});
