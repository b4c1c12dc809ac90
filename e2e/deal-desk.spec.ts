// The deal desk's pages in a real browser against the built app with demo data: the queue with a
// request waiting on finance, its filters kept in the address, the empty state, the request's page,
// a 404 for a request the viewer may not see, and an accessibility scan of both pages; the decide
// form, the deal page's approval card (submit again, withdraw) and the approval criterion's fixer.
// The request is submitted through the API on a deal the test makes non-standard (a 35% discount).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { api, expectNoSeriousViolations, FINANCE, LEGAL, REP, signIn, tokenFor, uid } from "./support/app";

test.describe.configure({ timeout: 90_000 });

/** A rep's deal at a 35% discount: the sales manager and finance must approve it. */
async function discountedDeal(request: APIRequestContext) {
  const token = await tokenFor(request, REP);
  const account = `Desk ${uid()}`;
  const deal = await api(request, token, "post", "/opportunities", {
    name: `${account} - Platform`,
    accountName: account,
    amount: 72000,
    closeDate: "2027-06-30",
    discountPercent: 35,
  });
  return { token, deal, account };
}

/** The discounted deal, submitted for approval. */
async function submittedDeal(request: APIRequestContext) {
  const { token, deal, account } = await discountedDeal(request);
  const submitted = await api(request, token, "post", `/opportunities/${deal.id}/approval-requests`, {
    justification: "Three-year commitment in exchange for the discount",
  });
  return { deal, requestId: submitted.id as string, account };
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
  // The demo data has a request finance rejected, and none routed to finance that was withdrawn.
  await page.getByLabel("Status").selectOption("withdrawn");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL((url) => url.searchParams.get("status") === "withdrawn");
  await expect(page.getByRole("heading", { name: "No withdrawn requests for your groups" })).toBeVisible();
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

test("finance asks for changes with the form, a comment required; the rep reads why on the deal page, submits again and withdraws", async ({
  page,
  browser,
  request,
}) => {
  const { deal, requestId } = await submittedDeal(request);
  await signIn(page, FINANCE);
  await page.goto(`/deal-desk/${requestId}`);
  const form = page.getByRole("form", { name: "Decide this request" });
  await expect(page.getByRole("heading", { name: "Your decision" })).toBeVisible();
  await form.getByRole("radio", { name: /^Request changes/ }).check();
  await form.getByRole("button", { name: "Request changes", exact: true }).click();
  await expect(form.getByText(/a comment is required to reject or request changes/)).toBeVisible();
  await expect(form.getByLabel(/^Comment/)).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousViolations(page);
  await form.getByLabel(/^Comment/).fill("Bring the discount to 25%, or add a fourth year");
  await form.getByRole("button", { name: "Request changes", exact: true }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Saved: you asked for changes for Finance. The request is now sent back for changes." }),
  ).toBeVisible();
  // Nothing is left for finance to decide: the form is gone, the page shows the request as it is.
  await expect(form).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Finance", level: 3 }).locator("xpath=..")).toContainText("Changes requested");

  // The rep in a browser of their own, beside finance's.
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await signIn(rep, REP);
  await rep.goto(`/opportunities/${deal.id}`);
  const card = rep.locator("#approval");
  await expect(card).toContainText("Finance (Marcus Lindqvist) asked for changes. Change the deal, then submit it again.");
  await expect(card).toContainText("Bring the discount to 25%, or add a fourth year");
  await expect(card.getByRole("link", { name: /Open the request on the deal desk/ })).toHaveAttribute("href", `/deal-desk/${requestId}`);
  await card.getByRole("button", { name: "Submit again" }).click();
  await expect(card.getByText(/^Write a justification/)).toBeVisible();
  await expect(card.getByLabel("Justification")).toHaveAttribute("aria-invalid", "true");
  await card.getByLabel("Justification").fill("The customer signs for four years instead of three");
  await card.getByRole("button", { name: "Submit again" }).click();
  await expect(card).toContainText("Pending with the deal desk: waiting on Sales manager and Finance.");
  await expectNoSeriousViolations(rep);

  await card.getByRole("button", { name: "Withdraw request" }).click();
  await expect(card.getByRole("button", { name: "Yes, withdraw it" })).toBeFocused();
  await card.getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(card.getByText(/^Withdrawn\./)).toBeVisible();
  await expect(card).toContainText("The last request was withdrawn.");
  await repContext.close();
});

test("a move held up by the approval criterion offers Submit for approval among its fixers, then says who must approve", async ({
  page,
  request,
}) => {
  const { token, deal } = await discountedDeal(request);
  await signIn(page, REP);
  await page.goto(`/opportunities/${deal.id}`);
  await page
    .getByRole("list", { name: "Stage path" })
    .getByRole("button", { name: /^Deliver\/Finalize/ })
    .click();
  const dialog = page.getByRole("dialog", { name: "Move to Deliver/Finalize" });
  const fixer = dialog.getByRole("form", { name: "Submit for approval" });
  await fixer.getByRole("button", { name: "Submit for approval" }).click();
  await expect(fixer.getByText(/^Write a justification/)).toBeVisible();
  await fixer.getByLabel("Justification").fill("Three-year commitment in exchange for the discount");
  await fixer.getByRole("button", { name: "Submit for approval" }).click();
  await expect(dialog.getByText("Submitted: pending with the deal desk. Sales manager and Finance must approve.")).toBeVisible();
  const after = await api(request, token, "get", `/opportunities/${deal.id}`);
  expect(after.approval.status).toBe("pending");
});
