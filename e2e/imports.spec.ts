// Importing deals through the page (docs/rules/import.md): the demo rep picks a Salesforce export,
// the page proposes the vendor's columns, checks the file row by row, lets the rep name a stage
// nothing matched, imports, and the deals are on the board; the report downloads as CSV, the page
// passes an accessibility scan, importing the same file again changes nothing, and the deal desk,
// which owns no deals, gets the 403 page; a file of several batches shows its progress as it goes.
import fs from "node:fs";
import Papa from "papaparse";
import { expect, type Page, test } from "@playwright/test";
import { boardCard, expectNoSeriousViolations, FINANCE, REP, signIn, uid } from "./support/app";

test.describe.configure({ timeout: 90_000 });

function salesforceFile(tag: string) {
  const rows = [
    ["Opportunity ID", "Opportunity Name", "Account Name", "Amount", "Close Date", "Stage", "Owner Email", "Type", "Next Step"],
    [`006${tag}1`, "Pilot", `Alpha ${tag}`, "12,500.00", "3/31/2027", "Prospecting", REP, "New Customer", "Book the demo"],
    [`006${tag}2`, "Seats", `Beta ${tag}`, "8000", "4/15/2027", "Qualification", REP, "Existing Customer - Upgrade", ""],
    [`006${tag}3`, "Rollout", `Gamma ${tag}`, "20000", "5/1/2027", "Verbal yes", REP, "New Customer", ""],
    [`006${tag}4`, "Broken", `Delta ${tag}`, "lots", "5/1/2027", "Prospecting", REP, "New Customer", ""],
  ];
  return { name: "salesforce-export.csv", mimeType: "text/csv", buffer: Buffer.from(`\ufeff${Papa.unparse(rows)}\r\n`) };
}

/** A Salesforce export of `count` good rows of the rep's: several of the import's batches of 500. */
function largeSalesforceFile(tag: string, count: number) {
  const rows = [["Opportunity ID", "Opportunity Name", "Account Name", "Amount", "Close Date", "Stage", "Owner Email"]];
  for (let i = 1; i <= count; i++) rows.push([`006${tag}L${i}`, `Seats ${i}`, `Account ${tag} ${i}`, "1000", "6/30/2027", "Prospecting", REP]);
  return { name: "large-export.csv", mimeType: "text/csv", buffer: Buffer.from(Papa.unparse(rows)) };
}

/** A total of the report, by its label: its tile. */
const stat = (page: Page, label: string) => page.getByRole("region", { name: "Totals" }).getByText(label, { exact: true }).locator("xpath=../..");

test("the demo rep checks a Salesforce export, names an unknown stage, imports it, and finds the deals on the board", async ({ page }) => {
  const tag = uid();
  const file = salesforceFile(tag);
  await signIn(page, REP, "/board");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import deals", level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.getByLabel("CSV file").setInputFiles(file);
  // The header reads as Salesforce's: its columns are matched to their fields.
  await expect(page.getByLabel("Exported from")).toHaveValue("salesforce");
  await expect(page.getByLabel("Field for the column Opportunity ID")).toHaveValue("externalId");
  await expect(page.getByLabel("Field for the column Owner Email")).toHaveValue("ownerEmail");
  await page.getByRole("button", { name: "Check the file" }).click();

  await expect(page.getByRole("heading", { name: "3. What importing would do" })).toBeVisible();
  await expect(stat(page, "Will be created")).toContainText("2");
  await expect(stat(page, "Refused")).toContainText("2");
  const rows = page.getByRole("table", { name: "Rows of the file and their outcome" });
  await expect(rows).toContainText('unknown stage "Verbal yes"');
  await expect(rows).toContainText('"lots" is not an amount');
  await expectNoSeriousViolations(page);

  // The report, as a file.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the report (CSV)" }).click();
  const report = Papa.parse<string[]>(fs.readFileSync(await (await download).path(), "utf8").replace(/^\ufeff/, ""), { skipEmptyLines: true }).data;
  expect(report[0]).toEqual(["row", "outcome", "id", "externalId", "field", "problem"]);
  expect(report).toContainEqual(["5", "refused", "", `006${tag}4`, "amount", expect.stringContaining("not an amount")]);

  // Name the stage, check again: only the bad amount is left refused.
  await page.getByLabel(/“Verbal yes”/).selectOption({ label: "Negotiate" });
  await page.getByRole("button", { name: "Check again with these changes" }).click();
  await expect(stat(page, "Will be created")).toContainText("3");
  await expect(stat(page, "Refused")).toContainText("1");

  await page.getByRole("button", { name: "Import 3 rows" }).click();
  await expect(page.getByRole("heading", { name: "Imported", level: 2 })).toBeVisible();
  await expect(stat(page, "Created")).toContainText("3");
  await expect(page.getByText(/recorded in its history as imported/)).toBeVisible();
  await page.getByRole("link", { name: "Open the board" }).click();
  await expect(boardCard(page, `Alpha ${tag}`)).toBeVisible();
  await expect(page.locator('section[data-stage="negotiate"]').getByRole("article", { name: new RegExp(`^Gamma ${tag}`) })).toBeVisible();

  // The same file again, with the same stage named: nothing would change.
  await page.goto("/imports");
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByLabel(/“Verbal yes”/).selectOption({ label: "Negotiate" });
  await page.getByRole("button", { name: "Check again with these changes" }).click();
  await expect(stat(page, "Unchanged")).toContainText("3");
  await expect(page.getByRole("button", { name: "Nothing to import" })).toBeDisabled();
});

test("a file without a column every row needs is named before anything is sent; the deal desk gets the 403 page", async ({ page }) => {
  await signIn(page, REP, "/imports");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "partial.csv", mimeType: "text/csv", buffer: Buffer.from("Opportunity ID,Opportunity Name\n1,A\n") });
  await expect(page.getByRole("alert").filter({ hasText: "Every row needs these" })).toContainText(
    "no column fills them yet: account name, close date, stage",
  );
  await expect(page.getByRole("button", { name: "Check the file" })).toBeDisabled();

  await page.context().clearCookies();
  await signIn(page, FINANCE, "/imports");
  await expect(page.getByRole("heading", { name: "This page is not open to you" })).toBeVisible();
});

test("checking a file of several batches shows its progress row by row, up to the whole file", async ({ page }) => {
  await signIn(page, REP, "/imports");
  await page.getByLabel("CSV file").setInputFiles(largeSalesforceFile(uid(), 3000));
  // Every value the progress bar takes, as the page draws it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      const text = bar?.getAttribute("aria-valuetext");
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuetext"] });
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "3. What importing would do" })).toBeVisible({ timeout: 60_000 });
  await expect(stat(page, "Will be created")).toContainText("3,000");

  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  const done = seen.flatMap((text) => {
    const m = /^Checking row ([\d,]+) of 3,000$/.exec(text);
    return m ? [Number(m[1]!.replaceAll(",", ""))] : [];
  });
  // Some rows done but not all, then more: the bar moved while the server worked through the file.
  expect(
    done.some((n) => n > 0 && n < 3000),
    seen.join(" | "),
  ).toBe(true);
  expect(done).toEqual([...done].sort((a, b) => a - b));
});
