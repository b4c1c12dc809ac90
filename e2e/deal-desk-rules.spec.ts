// The deal desk rules page in a real browser against the built app with demo data: an admin adds a
// rule, edits its threshold with a validation message on the way, switches it off, reads its
// history; the page passes an axe scan; anyone else gets the 404 page. The spec works on a rule of
// its own, on amounts no other spec's deal reaches, so the rules other specs rely on stay as they are.
import { expect, type Page, test } from "@playwright/test";
import { ADMIN, expectNoSeriousViolations, REP, signIn, uid } from "./support/app";

test.describe.configure({ timeout: 90_000 });

/** Adds a rule through the page's form: amounts of 9,000,000 or more go to legal. */
async function addRule(page: Page, key: string, label: string) {
  const form = page.getByRole("form", { name: "Add a rule" });
  await form.getByLabel("Key").fill(key);
  await form.getByLabel("Label").fill(label);
  await form.getByLabel("When the deal's").selectOption("amount");
  await form.getByLabel("Condition").selectOption("gte");
  await form.getByLabel("Threshold").fill("9000000");
  await form.getByRole("checkbox", { name: "Legal" }).check();
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByText(`Added "${label}"`)).toBeVisible();
}

const ruleItem = (page: Page, label: string) => page.getByRole("listitem", { name: label });

test("an admin adds a rule, edits its threshold and switches it off, each a new version", async ({ page }) => {
  const key = `e2e_huge_${uid()}`;
  const label = `Huge deal ${key.slice(-6)}`;
  await signIn(page, ADMIN, "/deal-desk/rules");
  await expect(page.getByRole("heading", { name: "Deal desk rules", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deal desk rules" })).toHaveAttribute("aria-current", "page");

  await addRule(page, key, label);
  const item = ruleItem(page, label);
  await expect(item).toContainText("Amount at or above 9,000,000 in the deal's currency");
  await expect(item).toContainText("Approvers: Legal");
  await expect(item).toContainText("Version 1, changed by");

  // A threshold out of range is named next to its field, and nothing is saved.
  await item.getByRole("button", { name: `Edit: ${label}` }).click();
  const editor = item.getByRole("form", { name: `Edit ${label}` });
  await editor.getByLabel("Threshold").fill("0");
  await editor.getByRole("button", { name: "Save rule" }).click();
  await expect(editor.getByText("An amount above 0")).toBeVisible();
  await expect(editor.getByLabel("Threshold")).toHaveAttribute("aria-invalid", "true");

  // A new threshold and a second group.
  await editor.getByLabel("Threshold").fill("8000000");
  await editor.getByRole("checkbox", { name: "Finance" }).check();
  await editor.getByRole("button", { name: "Save rule" }).click();
  await expect(item.getByText("Saved as version 2.")).toBeVisible();
  await expect(item).toContainText("Amount at or above 8,000,000 in the deal's currency");
  await expect(item).toContainText("Approvers: Finance, Legal");
  await expect(item).toContainText("Version 2, changed by");

  // Switched off: still listed, marked, and a third version.
  await item.getByRole("button", { name: `Switch off: ${label}` }).click();
  await expect(item.getByText("Switched off, as version 3.")).toBeVisible();
  await expect(item.getByRole("button", { name: `Switch on: ${label}` })).toBeVisible();
  await expect(item).toContainText("Version 3, changed by");

  // The history keeps every version.
  await item.getByText("Version history (3 versions)").click();
  await expect(item.getByRole("listitem")).toHaveCount(3);
  await expect(item.getByRole("listitem").first()).toContainText("Switched off");
  await expect(item.getByRole("listitem").last()).toContainText("9,000,000");

  // The API agrees.
  const res = await page.request.get("/api/v1/deal-desk/rules");
  expect(res.status()).toBe(200);
  const rule = ((await res.json()).items as { key: string }[]).find((r) => r.key === key);
  expect(rule).toMatchObject({ version: 3, active: false, groups: ["finance", "legal"], condition: { term: "amount", op: "gte", value: 8_000_000 } });
});

test("the rules page, with a rule's editor and history open, passes an axe scan", async ({ page }) => {
  const key = `e2e_axe_${uid()}`;
  const label = `Axe deal ${key.slice(-6)}`;
  await signIn(page, ADMIN, "/deal-desk/rules");
  await addRule(page, key, label);
  const item = ruleItem(page, label);
  await item.getByRole("button", { name: `Edit: ${label}` }).click();
  await item.getByText("Version history (1 version)").click();
  // With a validation message showing, too.
  await item
    .getByRole("form", { name: `Edit ${label}` })
    .getByLabel("Label")
    .fill("");
  await item.getByRole("button", { name: "Save rule" }).click();
  await expect(item.getByText("Required")).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.setViewportSize({ width: 820, height: 1180 });
  await expectNoSeriousViolations(page);
});

test("for anyone but an admin the page does not exist, and the navigation has no link to it", async ({ page }) => {
  await signIn(page, REP);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deal desk rules" })).toHaveCount(0);
  const response = await page.goto("/deal-desk/rules");
  expect(response?.status()).toBe(404);
});
