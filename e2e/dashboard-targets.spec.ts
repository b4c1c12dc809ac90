// A team's targets and deal sizes through the pages (docs/rules/dashboard.md, "Targets and deal
// sizes"): the demo manager follows the pipeline value factor's link, changes this quarter's target,
// and the dashboard shows what is left of the new one; the page passes an accessibility scan; the
// thresholds are set and cleared. And the statuses: another team's id in the address is a 403, not a
// 200 page that says 403.
import { expect, test } from "@playwright/test";
import { ADMIN, api, expectNoSeriousViolations, MANAGER, REP, signIn, tokenFor } from "./support/app";

test.describe.configure({ timeout: 90_000 });

const dollars = (text: string) => Number(text.replace(/[$,]/g, ""));
/** As the pages write an amount: whole dollars without cents. */
const usd = (n: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: Number.isInteger(n) ? 0 : 2 }).format(n);

test("the demo manager changes this quarter's target from the dashboard, and the value factor shows what is left of it", async ({ page }) => {
  await signIn(page, MANAGER, "/dashboard");
  const factor = page.locator("#value-factor");
  const before = (await factor.getByText(/left to win/).textContent())!;
  const won = dollars(/won so far (\$[\d,.]+)/.exec(before)![1]!);

  await factor.getByRole("link", { name: "Change the target" }).click();
  await expect(page.getByRole("heading", { name: "Targets and deal sizes", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Set a target" });
  await expect(form.getByLabel("Period")).toHaveValue("this_quarter");
  await expect(form.getByLabel("Currency")).toHaveValue("USD");
  const target = Math.round(won) + 123_456;
  const left = (Math.round(target * 100) - Math.round(won * 100)) / 100;
  await form.getByLabel("Target amount").fill(String(target));
  await form.getByRole("button", { name: "Change the target", exact: true }).click();
  await expect(form.getByText(`Saved: ${usd(target)} for This quarter`)).toBeVisible();
  await expect(page.getByRole("table", { name: /Targets set for/ })).toContainText(usd(target));
  await expectNoSeriousViolations(page);

  // A bad amount is said beside its field.
  await form.getByLabel("Target amount").fill("-5");
  await form.getByRole("button", { name: "Change the target", exact: true }).click();
  await expect(form.getByLabel("Target amount")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Must be 0 or more")).toBeVisible();

  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(page.locator("#value-factor")).toContainText(`Target ${usd(target)}, won so far ${usd(won)}: ${usd(left)} left to win.`);
});

test("the demo manager sets the team's thresholds and goes back to the percentiles", async ({ page }) => {
  await signIn(page, MANAGER, "/dashboard");
  await page.locator("#size-mix").getByRole("link", { name: "Change the thresholds" }).click();
  const sizes = page.locator("#deal-sizes");
  const form = sizes.getByRole("form", { name: "Set the deal sizes" });
  await form.getByLabel("A rock from").fill("20000");
  await form.getByLabel("A stone from").fill("50000");
  await form.getByRole("button", { name: "Save the amounts" }).click();
  await expect(form.getByText("The rock amount must be larger than the stone amount.")).toBeVisible();
  await form.getByLabel("A rock from").fill("150000");
  await form.getByRole("button", { name: "Save the amounts" }).click();
  await expect(form.getByText("Saved: rocks from $150,000, stones from $50,000.")).toBeVisible();
  await expect(sizes.getByText("Set for the team")).toBeVisible();
  await sizes.getByRole("button", { name: /Clear the amounts/ }).click();
  await expect(sizes.getByText(/The team's 80th and 40th percentile deal size/)).toBeVisible();
});

test("another team's id, or a rep of another team, in the address answers 403; so does the targets page to a rep", async ({ page, request }) => {
  const admin = await tokenFor(request, ADMIN);
  const teams = await api<{ items: { id: string; name: string }[] }>(request, admin, "get", "/teams");
  const other = teams.items.find((t) => t.name === "Mid-Market")!;
  const users = await api<{ items: { id: string; email: string }[] }>(request, admin, "get", "/users");
  const otherRep = users.items.find((u) => u.email === "rep3@stageline.test")!;

  await signIn(page, MANAGER);
  for (const path of [`/dashboard?teamId=${other.id}`, `/dashboard?ownerId=${otherRep.id}`, `/dashboard/targets?teamId=${other.id}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "This page is not open to you" })).toBeVisible();
  }
  // Their own team still opens, with its figures.
  const mine = await page.goto("/dashboard?period=this_year");
  expect(mine?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Pipeline value factor", level: 2 })).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, REP);
  expect((await page.goto("/dashboard/targets"))?.status()).toBe(403);
});
