// The audit log in a real browser against the built app with demo data: the demo admin's own sign-in
// and an admin change made through the API are on /admin/audit with who, where from and what changed;
// the filters go into the address; the filtered CSV downloads; the page passes an axe scan, at a
// tablet's width and with its empty state too. For a rep the page does not exist and the API is 403.
import fs from "node:fs";
import Papa from "papaparse";
import { expect, test } from "@playwright/test";
import { ADMIN, api, expectNoSeriousViolations, REP, signIn, tokenFor, uid } from "./support/app";

test.describe.configure({ timeout: 120_000 });

test("the demo admin reads, filters and downloads the audit log", async ({ page, request }) => {
  // An admin change through the API: the origins allowed to frame the embed, put back as they were.
  const token = await tokenFor(request, ADMIN);
  const before = await api<{ origins: string[] }>(request, token, "get", "/embed/settings");
  const origin = `https://crm-${uid()}.example.test`;
  await api(request, token, "put", "/embed/settings", { origins: [...before.origins, origin] });
  await api(request, token, "put", "/embed/settings", { origins: before.origins });

  await signIn(page, ADMIN, "/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Audit log" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const table = page.getByRole("table");
  // The sign-in that opened this page is listed, from the browser's address. Other specs sign in
  // beside this one, so it is the newest of the admin's sign-ins, not necessarily the newest entry.
  const ownSignIn = table
    .getByRole("row")
    .filter({ hasText: "Signed in" })
    .filter({ has: page.getByRole("rowheader", { name: ADMIN, exact: true }) })
    .first();
  await expect(ownSignIn).toBeVisible();
  await expect(ownSignIn).toContainText(/127\.0\.0\.1|::1/);
  // The change, with the origin added and then removed again.
  await expect(table.getByRole("row").filter({ hasText: "Embed origins changed" }).filter({ hasText: origin })).toHaveCount(2);
  await expectNoSeriousViolations(page);

  // The filters are the page's address, sent by the form.
  await page.getByLabel("Who").fill("admin@");
  await page.getByLabel("Action").selectOption({ label: "Embed origins changed" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?actor=admin%40&action=embed_settings.changed/);
  await expect(table.getByRole("row")).toHaveCount(3); // a header and the two changes
  await expect(page.getByLabel("Who")).toHaveValue("admin@");

  // The download holds the filtered entries.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these entries (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^stageline-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = Papa.parse<Record<string, string>>(fs.readFileSync((await download.path())!, "utf8"), { header: true, skipEmptyLines: true }).data;
  expect(rows.map((r) => [r.action, r.actorEmail])).toEqual([
    ["embed_settings.changed", ADMIN],
    ["embed_settings.changed", ADMIN],
  ]);
  expect(rows[1]!.changes).toContain(origin);

  // Nothing matches: the designed empty state, which clears the filters.
  await page.goto("/admin/audit?actor=nobody-at-all&from=2020-01-01&to=2020-01-02");
  await expect(page.getByRole("heading", { name: "No entries match" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/admin\/audit$/);

  // On a tablet, by keyboard: the filters are reachable, and the page still passes.
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.getByLabel("Action").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Object")).toBeFocused();
  await expectNoSeriousViolations(page);
});

test("for a rep the audit log does not exist, and the API refuses it", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const res = await request.get("/api/v1/audit", { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("FORBIDDEN");
  await signIn(page, REP, "/");
  expect((await page.goto("/admin/audit"))?.status()).toBe(404);
  expect((await page.goto("/admin/audit/export"))?.status()).toBe(403);
});
