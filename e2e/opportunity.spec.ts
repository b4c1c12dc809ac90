// The opportunity page and the new deal form in a real browser against the built app with demo
// data: creating a deal, the live checklist fixed in place until the stage path's move succeeds,
// in-place edits with validation, the close date push with its reason and history, a version
// conflict, visibility (404) and read-only access, and accessibility. Each test makes its own deals
// through the API, with unique names.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, api, expectNoSeriousViolations, REP, REP2, signIn, tokenFor, uid } from "./support/app";

// Each test builds its deal through several API calls on the embedded database, then works a page.
test.describe.configure({ timeout: 90_000 });

type Deal = { id: string; version: number; stage: string; name: string; closeDate: string };

const version = async (request: APIRequestContext, token: string, id: string) => (await api(request, token, "get", `/opportunities/${id}`)).version;

async function createDeal(request: APIRequestContext, token: string, extra: Record<string, unknown> = {}): Promise<Deal> {
  const account = `Blue Harbor ${uid()}`;
  return api(request, token, "post", "/opportunities", {
    name: `${account} - Fleet analytics`,
    accountName: account,
    amount: 64000,
    closeDate: "2027-06-30",
    nextStep: "Discovery call with the VP Operations",
    nextStepDue: "2027-05-01",
    ...extra,
  });
}

const attest = async (request: APIRequestContext, token: string, id: string, key: string) =>
  api(request, token, "post", `/opportunities/${id}/criteria/${key}`, { satisfied: true, version: await version(request, token, id) });

/** Identify's criteria met and the deal moved to Qualify, through the API. */
async function dealInQualify(request: APIRequestContext, token: string): Promise<Deal> {
  const deal = await createDeal(request, token);
  await attest(request, token, deal.id, "decision_maker_meeting");
  await api(request, token, "patch", `/opportunities/${deal.id}`, {
    version: await version(request, token, deal.id),
    buyingProcess: "Ops lead evaluates, CFO signs",
  });
  await api(request, token, "put", `/opportunities/${deal.id}/contacts`, {
    version: await version(request, token, deal.id),
    contacts: [{ name: "Dee Maker", role: "decision_maker" }],
  });
  return api(request, token, "post", `/opportunities/${deal.id}/transitions`, {
    toStage: "qualify",
    version: await version(request, token, deal.id),
  });
}

/** Qualify's criteria met too, and the deal moved to Propose. */
async function dealInPropose(request: APIRequestContext, token: string): Promise<Deal> {
  const deal = await dealInQualify(request, token);
  await attest(request, token, deal.id, "value_fit_confirmed");
  await attest(request, token, deal.id, "budget_confirmed");
  await api(request, token, "put", `/opportunities/${deal.id}/contacts`, {
    version: await version(request, token, deal.id),
    contacts: [
      { name: "Dee Maker", role: "decision_maker" },
      { name: "Cham Pion", role: "champion" },
    ],
  });
  return api(request, token, "post", `/opportunities/${deal.id}/transitions`, {
    toStage: "propose",
    version: await version(request, token, deal.id),
  });
}

const stagePath = (page: Page) => page.getByRole("list", { name: "Stage path" });
const criteriaCount = (page: Page) => page.getByTestId("criteria-count");
const criterion = (page: Page, key: string) => page.locator(`[data-criterion="${key}"]`);
const currentStage = (page: Page) => stagePath(page).locator('[aria-current="step"]');

async function moveFromStagePath(page: Page, stageName: string) {
  await stagePath(page)
    .getByRole("button", { name: new RegExp(`^${stageName}`) })
    .click();
  const dialog = page.getByRole("dialog", { name: `Move to ${stageName}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test("a rep creates a deal through the new deal form and lands on its page", async ({ page }) => {
  await signIn(page, REP, "/opportunities/new");
  await expect(page.getByRole("heading", { name: "New opportunity", level: 1 })).toBeVisible();

  // Nothing filled in: the API's validation answers, next to each field and in a summary.
  await page.getByRole("button", { name: "Create opportunity" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Check these" });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page.locator("#new-name-help")).toHaveText("Required");
  await expect(page.getByLabel("Opportunity name")).toHaveAttribute("aria-invalid", "true");

  const account = `Northwind ${uid()}`;
  await page.getByLabel("Opportunity name").fill(`${account} - Pipeline rollout`);
  await page.getByLabel("Account").fill(account);
  await page.getByLabel("Amount").fill("48000");
  await page.getByLabel("Close date").fill("2027-03-31");
  await page.getByRole("radio", { name: /Expansion/ }).check();
  await page.getByLabel("Users", { exact: true }).fill("40");
  await page.getByLabel("Next step", { exact: true }).fill("Discovery call with IT");
  await page.getByLabel("Next step due").fill("2027-01-15");
  await page.getByLabel("Discount").fill("10");
  await page.getByRole("button", { name: "Create opportunity" }).click();

  await page.waitForURL(/\/opportunities\/(?!new)[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${account} - Pipeline rollout`);
  await expect(currentStage(page)).toContainText("Identify");
  await expect(page.getByRole("heading", { name: "Exit criteria to leave Identify" })).toBeVisible();
  await expect(page.locator("#history")).toContainText("Created the deal in Identify");
});

test("the live checklist: criteria fixed in place update the count, then the stage path's move succeeds", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const deal = await dealInQualify(request, token);
  await signIn(page, REP, `/opportunities/${deal.id}`);
  await expect(criteriaCount(page)).toHaveText("1 of 4 met"); // the decision date is set

  // Too early: the move is refused and lists what is missing, as the API's details do.
  let dialog = await moveFromStagePath(page, "Propose");
  await dialog.getByRole("button", { name: "Move to Propose" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "The move was refused" })).toContainText("3 exit criteria");
  await expect(dialog.getByTestId("unmet-criteria")).toContainText("Champion named");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // A check criterion, ticked in place.
  await page.getByRole("checkbox", { name: "Value and fit confirmed with every buyer group" }).check();
  await expect(criteriaCount(page)).toHaveText("2 of 4 met");
  await expect(criterion(page, "value_fit_confirmed")).toContainText("Attested by Sam Okafor");

  // With a note.
  await criterion(page, "budget_confirmed").getByRole("button", { name: "Attest with a note" }).click();
  await criterion(page, "budget_confirmed").getByLabel("Note").fill("CFO confirmed 70k in the Q1 budget");
  await criterion(page, "budget_confirmed").getByRole("button", { name: "Mark as met" }).click();
  await expect(criteriaCount(page)).toHaveText("3 of 4 met");
  await expect(criterion(page, "budget_confirmed")).toContainText("“CFO confirmed 70k in the Q1 budget”");

  // A contact-role criterion: add the champion right there.
  await criterion(page, "champion_named").getByLabel("Champion's name").fill("Jane Rivera");
  await criterion(page, "champion_named").getByLabel("Title").fill("Head of Operations");
  await criterion(page, "champion_named").getByRole("button", { name: "Add champion" }).click();
  await expect(criteriaCount(page)).toHaveText("4 of 4 met");
  await expect(criterion(page, "champion_named")).toContainText("Champion: Jane Rivera");
  await expect(page.locator("#contacts")).toContainText("Jane Rivera");

  dialog = await moveFromStagePath(page, "Propose");
  await expect(dialog).toContainText("Every exit criterion on the way is met.");
  await dialog.getByRole("button", { name: "Move to Propose" }).click();
  await expect(dialog).toBeHidden();
  await expect(currentStage(page)).toContainText("Propose");
  await expect(page.getByRole("heading", { name: "Exit criteria to leave Propose" })).toBeVisible();
  await expect(criteriaCount(page)).toHaveText("0 of 4 met");
  await expect(page.locator("#history")).toContainText("Moved from Qualify to Propose");
});

test("in Propose: a field filled in place, a quote uploaded, a suggested close plan, then Negotiate", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const deal = await dealInPropose(request, token);
  await signIn(page, REP, `/opportunities/${deal.id}`);
  await expect(criteriaCount(page)).toHaveText("0 of 4 met");

  const decision = criterion(page, "decision_criteria");
  await decision.getByLabel("Decision criteria").fill("Time to value, SSO, price per seat under 40");
  await decision.getByRole("button", { name: "Save decision criteria" }).click();
  await expect(criteriaCount(page)).toHaveText("1 of 4 met");

  const quote = criterion(page, "quote_generated");
  await quote
    .getByLabel("Formal quote attached")
    .setInputFiles({ name: "quote-v2.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%quote\n") });
  await quote.getByRole("button", { name: "Upload" }).click();
  await expect(criteriaCount(page)).toHaveText("2 of 4 met");
  await expect(page.locator("#files")).toContainText("quote-v2.pdf");
  await expect(page.locator("#files").getByRole("link", { name: "Download quote-v2.pdf" })).toHaveAttribute(
    "href",
    new RegExp(`/api/v1/opportunities/${deal.id}/files/`),
  );

  await page.getByRole("checkbox", { name: "Pricing presented to the buyer" }).check();
  await expect(criteriaCount(page)).toHaveText("3 of 4 met");

  const plan = page.locator("#close-plan");
  await plan.getByRole("button", { name: "Start from a suggested plan" }).click();
  await plan.getByRole("button", { name: "Save plan" }).click();
  await expect(criteriaCount(page)).toHaveText("4 of 4 met");
  await expect(plan.getByRole("listitem")).toHaveCount(6);
  await expect(plan).toContainText("days before the decision");

  const dialog = await moveFromStagePath(page, "Negotiate");
  await dialog.getByRole("button", { name: "Move to Negotiate" }).click();
  await expect(dialog).toBeHidden();
  await expect(currentStage(page)).toContainText("Negotiate");
});

test("a manager overrides a refused move with a justification, flagged in the history", async ({ page, request }) => {
  const deal = await dealInQualify(request, await tokenFor(request, REP));
  await signIn(page, "manager@stageline.test", `/opportunities/${deal.id}`);
  const dialog = await moveFromStagePath(page, "Propose");
  await dialog.getByRole("checkbox", { name: /Override as manager/ }).check();
  await dialog.getByRole("button", { name: "Override and move to Propose" }).click();
  await expect(dialog.getByText("A written justification is required")).toBeVisible();
  await dialog.getByRole("textbox", { name: "Justification" }).fill("Champion confirmed by phone; CRM entry follows tomorrow");
  await dialog.getByRole("button", { name: "Override and move to Propose" }).click();
  await expect(dialog).toBeHidden();
  await expect(currentStage(page)).toContainText("Propose");
  await expect(page.getByText("Criteria overridden")).toBeVisible();
  const override = page.locator('[data-history-type="override"]');
  await expect(override).toContainText("Override: moved from Qualify to Propose with 3 unmet criteria");
  await expect(override).toContainText("Champion confirmed by phone; CRM entry follows tomorrow");
});

test("Closed Lost asks for its fields, and a lost deal re-opens into a later stage with a reason", async ({ page, request }) => {
  const deal = await dealInQualify(request, await tokenFor(request, REP));
  await signIn(page, REP, `/opportunities/${deal.id}`);
  await expect(page.getByRole("button", { name: "Disqualify" })).toHaveCount(0); // only in the first stage

  await page.getByRole("button", { name: "Closed Lost" }).click();
  const lost = page.getByRole("dialog", { name: "Mark as Closed Lost" });
  await lost.getByRole("button", { name: "Close as lost" }).click();
  await expect(lost.getByText("Required (write none when there is none)")).toHaveCount(4);
  await lost.getByLabel("Why we lost").selectOption({ label: "Lost to a competitor" });
  await lost.getByLabel("Explanation").fill("They chose the incumbent's bundle");
  await lost.getByLabel("Lost to competitor").fill("Acme CRM");
  await lost.getByRole("checkbox", { name: "Nothing was missing" }).check();
  await lost.getByRole("button", { name: "Close as lost" }).click();
  await expect(lost).toBeHidden();
  await expect(page.getByRole("heading", { name: /^Closed Lost on / })).toBeVisible();
  await expect(stagePath(page)).toContainText("Lost here");
  await expect(page.getByRole("button", { name: "Edit Amount" })).toHaveCount(0); // closed: history, not editable

  await page.getByRole("button", { name: "Re-open", exact: true }).click();
  const reopen = page.getByRole("dialog", { name: "Re-open this deal" });
  await expect(reopen.getByLabel("Re-open in stage").locator("option")).toHaveText(["Qualify", "Propose", "Negotiate", "Deliver/Finalize"]);
  await reopen.getByLabel("Why is it re-opened?").fill("New budget approved for Q2");
  await reopen.getByRole("button", { name: "Re-open in Qualify" }).click();
  await expect(reopen).toBeHidden();
  await expect(currentStage(page)).toContainText("Qualify");
  await expect(page.locator('[data-history-type="reopened"]')).toContainText("New budget approved for Q2");
});

test("a field edited in place shows the validation error next to it", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const deal = await createDeal(request, token);
  await signIn(page, REP, `/opportunities/${deal.id}`);
  const details = page.locator("#deal-details");

  await details.getByRole("button", { name: "Edit Discount" }).click();
  await details.getByLabel("Discount").fill("150");
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details.getByText("Must be 100 or less")).toBeVisible();
  await expect(details.getByLabel("Discount")).toHaveAttribute("aria-invalid", "true");
  await details.getByLabel("Discount").fill("12.5");
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details).toContainText("12.5% off list");
  await expect(details.getByRole("button", { name: "Edit Discount" })).toBeFocused();

  await details.getByRole("button", { name: "Edit Amount" }).click();
  await details.getByLabel("Amount").fill("lots");
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details.getByText("Enter a number")).toBeVisible();
  await details.getByRole("button", { name: "Cancel" }).click();
  await expect(details).toContainText("$64,000");
});

test("pushing the close date later requires a reason, and shows in the close date history", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const deal = await createDeal(request, token);
  await signIn(page, REP, `/opportunities/${deal.id}`);
  const details = page.locator("#deal-details");
  const history = page.locator("#close-date-history");
  await expect(history).toContainText("No changes to the close date.");

  await details.getByRole("button", { name: "Edit Close date" }).click();
  await details.getByLabel("Close date", { exact: true }).fill("2027-08-15");
  const reason = details.getByLabel("Why is the close date moving later?");
  await expect(reason).toBeVisible();
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details.getByText("Moving the close date later needs a reason")).toBeVisible();

  await reason.fill("Legal review moved to August at the buyer's request");
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details).toContainText("Aug 15, 2027");
  await expect(history).toContainText("Jun 30, 2027");
  await expect(history).toContainText("Aug 15, 2027");
  await expect(history).toContainText("+46 days");
  await expect(history).toContainText("“Legal review moved to August at the buyer's request”");
  await expect(history).toContainText("Sam Okafor");
  await expect(history.getByTestId("close-date-pushes")).toContainText("1 push");
});

test("a change made elsewhere refuses a stale edit; Reload shows the current deal", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const deal = await createDeal(request, token);
  await signIn(page, REP, `/opportunities/${deal.id}`);
  await api(request, token, "patch", `/opportunities/${deal.id}`, { version: deal.version, accountName: "Renamed elsewhere" });

  const details = page.locator("#deal-details");
  await details.getByRole("button", { name: "Edit Amount" }).click();
  await details.getByLabel("Amount").fill("70000");
  await details.getByRole("button", { name: "Save" }).click();
  const banner = page.getByRole("alert").filter({ hasText: "Someone else changed this deal — reload" });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Reload" }).click();
  await expect(banner).toBeHidden();
  await expect(details).toContainText("Renamed elsewhere");
  await expect(details).toContainText("$64,000");
  await expect(details.getByRole("textbox", { name: "Amount", exact: true })).toHaveCount(0); // the stale editor is gone
});

test("a rep visiting a teammate's deal gets the 404 page, like the API", async ({ page, request }) => {
  const deal = await createDeal(request, await tokenFor(request, REP2));
  await signIn(page, REP);
  const response = await page.goto(`/opportunities/${deal.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Opportunity not found", level: 1 })).toBeVisible();
  await expect(page.getByText(deal.name)).toHaveCount(0);
});

test("an admin sees a deal read-only: no edit controls", async ({ page, request }) => {
  const deal = await dealInQualify(request, await tokenFor(request, REP));
  await signIn(page, ADMIN, `/opportunities/${deal.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(deal.name);
  await expect(page.getByText("View only")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(stagePath(page).getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Closed Won" })).toHaveCount(0);
});

test("the opportunity page, its move dialog and the new deal form pass an axe scan", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const deal = await dealInPropose(request, token);
  await attest(request, token, deal.id, "pricing_presented");
  await signIn(page, REP, `/opportunities/${deal.id}`);
  await expect(criteriaCount(page)).toHaveText("1 of 4 met");
  await expectNoSeriousViolations(page);

  await moveFromStagePath(page, "Negotiate");
  await expectNoSeriousViolations(page);
  await page.keyboard.press("Escape");

  await page.goto("/opportunities/new");
  await page.getByRole("button", { name: "Create opportunity" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Check these" })).toBeVisible();
  await expectNoSeriousViolations(page);
});
