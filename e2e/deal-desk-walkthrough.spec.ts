// A non-standard deal's whole way through the deal desk, each person in a browser of their own: a
// 35% discount refused at Negotiate's exit on the board, submitted from the refusal's panel, approved
// by the rep's sales manager and by finance, moved on; then a discount change makes the approval
// stale at once, and the resubmission goes only to the group whose rules the new terms still need.
import { expect, type Page, test } from "@playwright/test";
import {
  expectHydrated,
  api,
  boardColumn,
  current,
  FINANCE,
  MANAGER,
  moveByApi,
  moveByKeyboard,
  openBoard,
  REP,
  satisfy,
  signIn,
  tokenFor,
  uid,
} from "./support/app";

test.describe.configure({ timeout: 180_000 });

async function approveOnTheDesk(page: Page, dealName: string) {
  await page.goto("/deal-desk");
  await page.getByRole("link", { name: dealName }).click();
  await expect(page.getByRole("heading", { name: dealName, level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Decide this request" });
  await form.getByRole("radio", { name: /^Approve/ }).check();
  await form.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved: you approved for / })).toBeVisible();
  await expect(form).toHaveCount(0);
}

test("a 35% discount from refusal to approval, a move, a stale approval and a narrower resubmission", async ({ browser, request }) => {
  const repToken = await tokenFor(request, REP);
  const account = `Walk ${uid()}`;
  const dealName = `${account} - Platform`;
  const deal = await api(request, repToken, "post", "/opportunities", {
    name: dealName,
    accountName: account,
    amount: 72000,
    closeDate: "2027-06-30",
    nextStep: "Send the order form",
    nextStepDue: "2027-05-01",
    discountPercent: 35,
  });
  // Weeks of selling, through the API: every criterion up to Negotiate's exit but the approval.
  await satisfy(request, repToken, deal.id, ["identify", "qualify", "propose", "negotiate"]);
  for (const stage of ["qualify", "propose", "negotiate"]) await moveByApi(request, repToken, deal.id, stage);

  const [repContext, managerContext, financeContext] = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [rep, manager, finance] = await Promise.all([repContext.newPage(), managerContext.newPage(), financeContext.newPage()]);
  await Promise.all([signIn(rep, REP), signIn(manager, MANAGER), signIn(finance, FINANCE)]);

  // The rep moves it on from the board: refused, the panel offers the submission in place.
  await openBoard(rep, `?q=${encodeURIComponent(account)}`);
  await moveByKeyboard(rep, account, 1);
  const panel = rep.getByRole("dialog", { name: "Platform can't move to Deliver/Finalize yet" });
  await expect(panel).toBeVisible();
  const fixer = panel.getByRole("form", { name: "Submit for approval" });
  await fixer.getByLabel("Justification").fill("Three-year commitment in exchange for the discount");
  await fixer.getByRole("button", { name: "Submit for approval" }).click();
  await expect(panel.getByText("Submitted: pending with the deal desk. Sales manager and Finance must approve.")).toBeVisible();
  await rep.keyboard.press("Escape");
  await expect(boardColumn(rep, "negotiate").locator("article", { hasText: account })).toBeVisible();

  // The manager and finance, each in their own browser, approve from the desk.
  await approveOnTheDesk(manager, dealName);
  await approveOnTheDesk(finance, dealName);
  expect((await current(request, repToken, deal.id)).approval).toMatchObject({ status: "approved" });

  // The same move now goes through.
  await openBoard(rep, `?q=${encodeURIComponent(account)}`);
  await moveByKeyboard(rep, account, 1);
  await expect(rep.getByTestId("board-notice")).toContainText("moved to Deliver/Finalize");
  await expect(boardColumn(rep, "finalize").locator("article", { hasText: account })).toBeVisible();

  // A discount change after approval: stale at once, and the deal page says what changed.
  const { version } = await current(request, repToken, deal.id);
  await api(request, repToken, "patch", `/opportunities/${deal.id}`, { version, discountPercent: 25 });
  await rep.goto(`/opportunities/${deal.id}`);
  const card = rep.locator("#approval");
  await expect(card).toContainText("The approval no longer holds: discount changed from 35% to 25%");
  await expectHydrated(rep);
  await card.getByLabel("Justification").fill("Down to 25% after the customer's budget review");
  await card.getByRole("button", { name: "Submit again" }).click();
  // At 25% only the sales manager's rule fires: finance is not asked again.
  await expect(card).toContainText("Pending with the deal desk: waiting on Sales manager.");
  await finance.goto("/deal-desk");
  await expect(finance.getByRole("row").filter({ hasText: account })).toHaveCount(0);
  await approveOnTheDesk(manager, dealName);
  const after = await current(request, repToken, deal.id);
  expect(after.approval).toMatchObject({ status: "approved", requiredGroups: ["sales_manager"] });
  await rep.reload();
  await expect(rep.locator("#approval")).toContainText("Approved: every required group approved these terms.");

  await Promise.all([repContext.close(), managerContext.close(), financeContext.close()]);
});
