// The admin's API tokens page (docs/rules/access.md): the demo admin finds a rep's token by owner and
// status, revokes it after a confirmation, and the token answers 401 from its next request; the page
// passes an accessibility scan.
import { expect, test } from "@playwright/test";
import { ADMIN, expectNoSeriousViolations, REP, signIn, tokenFor } from "./support/app";

test.describe.configure({ timeout: 90_000 });

test("the demo admin revokes the rep's newest token, which then answers 401", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const me = () => request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect((await me()).status()).toBe(200);

  await signIn(page, ADMIN, "/admin");
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  const filters = page.getByRole("form", { name: "Filter tokens" });
  await filters.getByLabel("Owner").selectOption({ label: "Sam Okafor (rep@stageline.test)" });
  await filters.getByLabel("Status").selectOption("active");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/owner=.*status=active/);
  await expectNoSeriousViolations(page);

  // Newest first: the token just made is the first row, its prefix the token's start.
  const first = page.getByRole("table", { name: "API tokens, newest first" }).getByRole("row").nth(1);
  const prefix = (await first.locator("td.font-mono").textContent())!.replace("…", "");
  expect(token.startsWith(prefix)).toBe(true);
  await first.getByRole("button", { name: /^Revoke / }).click();
  await page.getByRole("dialog", { name: "Revoke this token?" }).getByRole("button", { name: "Revoke the token" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect((await me()).status()).toBe(401);
  // Revoked, it leaves the active list.
  await expect(page.getByRole("cell", { name: `${prefix}…` })).toHaveCount(0);
});
