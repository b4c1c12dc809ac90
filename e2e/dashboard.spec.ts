// The manager's dashboard through the pages (docs/rules/dashboard.md): the demo manager opens it,
// changes the period and the team, follows a number to the deals behind it, downloads their CSV and
// the figures' CSV; both pages pass an accessibility scan; a rep gets the 403 page.
import fs from "node:fs";
import Papa from "papaparse";
import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations, MANAGER, REP, signIn } from "./support/app";

// Each test walks several pages and scans two of them: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

test("the demo manager reads the dashboard, changes period and team, downloads the figures and follows a number to its deals", async ({ page }) => {
  await signIn(page, MANAGER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  for (const section of [
    "Win rates",
    "Conversion by stage",
    "Sales velocity",
    "Balance by stage",
    "Forecast",
    "Data integrity",
    "Losses",
    "Close-date slippage",
    "Rocks, stones and pebbles",
    "Pipeline value factor",
    "Pipeline movement",
  ])
    await expect(page.getByRole("heading", { name: section, level: 2 })).toBeVisible();
  await expect(page.getByText("ten deals at 10% are not a signed contract")).toBeVisible();
  // The what-if: a multiple of today's velocity (about 1.48× by default), or what it needs.
  await expect(page.getByRole("group", { name: "What if" })).toContainText(/\d\.\d\d× today|needs a velocity/);
  // The charts, loaded after the page, are drawn before the scan: images named for a screen reader,
  // with nothing to focus inside; hovering a category shows its values.
  const balance = page.getByRole("img", { name: /^Bar chart of the open pipeline's value per stage/ });
  await expect(balance.locator("svg").first()).toBeVisible();
  expect(await page.locator('figure[role="img"]').locator("a, button, input, select, textarea, [tabindex]").count()).toBe(0);
  await balance
    .locator("svg")
    .first()
    .hover({ position: { x: 120, y: 120 } });
  await expect(balance.locator(".visx-tooltip")).toContainText(/Value\s*\$[\d.]+[KM]?/);
  await page.mouse.move(0, 0);
  await expectNoSeriousViolations(page);

  // The period and the team, through the GET form: kept in the URL.
  const filters = page.getByRole("form", { name: "Dashboard filters" });
  await filters.getByLabel("Period").selectOption("this_year");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/period=this_year/);
  const year = new Date().getUTCFullYear();
  await expect(page.getByText(`${year}-01-01 to ${year}-12-31`)).toBeVisible();
  await filters.getByLabel("Team").selectOption({ label: "Enterprise" });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/teamId=/);
  await expect(page.getByText(/^Enterprise · /)).toBeVisible();

  // The figures' CSV.
  const figures = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download figures (CSV)" }).click();
  const figuresCsv = fs.readFileSync((await (await figures).path())!, "utf8");
  expect(figuresCsv.split(/\r?\n/)[0]).toBe("section,item,measure,value");
  expect(figuresCsv).toContain(`period,,from,${year}-01-01`);

  // A number to its deals: the open deals behind the data integrity figures.
  const link = page.locator("#integrity").getByRole("link", { name: /open deals: see the deals/ });
  const shown = Number((await link.textContent())!.replace(/\D/g, ""));
  expect(shown).toBeGreaterThan(0);
  await link.click();
  await expect(page).toHaveURL(/\/dashboard\/deals\?.*figure=open/);
  await expect(page.getByRole("heading", { name: "Open deals", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: `${shown} ${shown === 1 ? "deal" : "deals"}`, level: 2 })).toBeVisible();
});

test("the deals behind a number sort by amount, pass a scan, and download as CSV", async ({ page }) => {
  await signIn(page, MANAGER);
  await page.goto("/dashboard?period=this_year");
  const link = page.locator("#integrity").getByRole("link", { name: /open deals: see the deals/ });
  const shown = Number((await link.textContent())!.replace(/\D/g, ""));
  await link.click();
  await expect(page.getByRole("heading", { name: "Open deals", level: 1 })).toBeVisible();
  // Sorted by amount, largest first.
  await page.getByRole("link", { name: "Amount, sort ascending" }).click();
  await page.getByRole("link", { name: "Amount, sort descending" }).click();
  await expect(page).toHaveURL(/sort=amount&direction=desc/);
  await expectNoSeriousViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  // The Stageline columns the import reads back, then the list's own (docs/rules/import.md).
  const csv = Papa.parse<Record<string, string>>(fs.readFileSync((await (await download).path())!, "utf8"), { header: true, skipEmptyLines: true });
  expect(csv.meta.fields).toEqual([
    "id",
    "name",
    "accountName",
    "amount",
    "currency",
    "closeDate",
    "stage",
    "ownerEmail",
    "owner",
    "type",
    "nextStep",
    "nextStepDue",
    "stageName",
    "status",
    "closedAt",
  ]);
  expect(csv.data).toHaveLength(shown);
  expect(csv.data.every((row) => row.status === "open")).toBe(true);
  // As sorted on the page: by amount, largest first.
  const amounts = csv.data.map((row) => Number(row.amount));
  expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
});

test("a rep gets the 403 page, not a 404", async ({ page }) => {
  await signIn(page, REP);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  const res = await page.goto("/dashboard");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This page is not open to you" })).toBeVisible();
  await expectNoSeriousViolations(page);
});
