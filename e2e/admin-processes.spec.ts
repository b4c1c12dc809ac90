// The admin's processes pages (docs/rules/sales-process.md): the demo admin sees Standard B2B with its
// versions and the open deals following each, starts a draft from the Six steps template under a new
// key (landing in the draft editor), comes back and discards it, and opens the deal-move page with
// its preview; both pages pass an accessibility scan. A rep finds no admin console there.
import { expect, test } from "@playwright/test";
import { ADMIN, expectNoSeriousViolations, REP, signIn, uid } from "./support/app";

test.describe.configure({ timeout: 90_000 });

test("the demo admin reads the versions, starts and discards a draft from a template, and previews moving deals", async ({ page }) => {
  await signIn(page, ADMIN, "/admin/processes");
  await expect(page.getByRole("heading", { name: "Processes", level: 1 })).toBeVisible();
  const standard = page.getByRole("region", { name: /^Standard B2B/ });
  await expect(standard.getByText("Default", { exact: true })).toBeVisible();
  const versions = standard.getByRole("table", { name: "Versions of Standard B2B, newest first" });
  // Newest first; another spec may have published a version since the demo's second.
  const row = (version: number) => versions.getByRole("row", { name: new RegExp(`^Version ${version}\\b`) });
  await expect(versions.getByRole("row").nth(1)).toContainText("Latest");
  await expect(row(2)).toContainText("by Alex Morgan");
  await expect(row(2)).toContainText("Quarterly review");
  // The open deals of each version, the first one's still there for the deal-move page.
  const openOn = async (version: number) => Number(await row(version).getByRole("cell").last().textContent());
  expect(await openOn(1)).toBeGreaterThan(0);
  expect(await openOn(2)).toBeGreaterThan(0);
  await expectNoSeriousViolations(page);

  // A draft from a template, for a new process: the editor opens.
  const key = `e2e_${uid()}`;
  const form = page.getByRole("form", { name: "Start a draft from a template" });
  await form.getByLabel("Template").selectOption({ label: "Six steps" });
  await form.getByLabel("For", { exact: true }).selectOption({ label: "A new process" });
  await form.getByLabel("The new process's key").fill(key);
  await form.getByRole("button", { name: "Start the draft" }).click();
  await page.waitForURL((url) => url.pathname === `/admin/processes/${key}/draft`);

  // Back on the list it is a new process being drafted; discarded after a confirmation, it is gone.
  await page.goto("/admin/processes");
  const drafting = page.getByRole("region", { name: "New processes being drafted" });
  await expect(drafting).toContainText(key);
  await drafting.getByRole("button", { name: /^Discard the draft of / }).click();
  await page.getByRole("dialog", { name: "Discard this draft?" }).getByRole("button", { name: "Discard the draft" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText(key)).toHaveCount(0);

  // The deal-move page: the open deals of version 1, which would move and which would stay, and why.
  await standard.getByRole("link", { name: "Move open deals of Standard B2B" }).click();
  await expect(page.getByRole("heading", { name: /^Move open deals to version \d+ of Standard B2B$/, level: 1 })).toBeVisible();
  const preview = page.getByRole("table", { name: "Open deals of older versions, and whether each would move" });
  await expect(preview.getByText("Moves").first()).toBeVisible();
  await expect(preview.getByText("Stays").first()).toBeVisible();
  await expect(preview.getByText("It does not meet, in earlier stages:").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Move \d+ deals?$/ })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.setViewportSize({ width: 820, height: 1180 });
  await expectNoSeriousViolations(page);
});

test("for a rep the processes pages do not exist", async ({ page }) => {
  await signIn(page, REP, "/");
  for (const path of ["/admin/processes", "/admin/processes/standard_b2b/deal-moves"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
