// Qualification questions in a real browser (docs/rules/sales-process.md#qualification-answers): the
// demo rep answers a yes/no and a date question on a demo deal in the first stage, in place, and finds
// them after a reload and in the history; then answers one on the new deal form and finds it on the
// new deal's page. The card passes an axe scan, read and while editing, and so does the form.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { api, expectNoSeriousViolations, REP, signIn, tokenFor, uid } from "./support/app";

test.describe.configure({ timeout: 90_000 });

const BUDGET = "Is budget allocated to it?";
const DEADLINE = "By what date must the project be done?";
const PROJECT = "Is there an identified project?";

type Listed = { id: string; stage: string; ownerId: string; qualificationAnswers: Record<string, unknown> };

const card = (page: Page) => page.locator("#qualification");
/** What the card shows as a question's answer. */
const answerOf = (scope: Locator, question: string) => scope.locator("dt", { hasText: question }).locator("xpath=following-sibling::dd[1]");

test("the demo rep answers a deal's qualification questions in place, and on the new deal form", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const me = await api<{ id: string }>(request, token, "get", "/me");
  const listed = await api<{ items: Listed[] }>(request, token, "get", "/opportunities?stage=identify&status=open&limit=100");
  const deal = listed.items.find((d) => d.ownerId === me.id && Object.keys(d.qualificationAnswers).length === 0);
  expect(deal, "a demo deal of the rep's in Identify, not answered yet").toBeDefined();

  await signIn(page, REP, `/opportunities/${deal!.id}`);
  const qualification = card(page);
  await expect(qualification.getByRole("heading", { name: "Qualification", level: 2 })).toBeVisible();
  // Identify asks nothing: Qualify's questions show, under the later stages, unanswered.
  await expect(qualification.getByText("Later stages: 6 questions")).toBeVisible();
  await expect(qualification.getByRole("heading", { name: "Qualify", level: 3 })).toBeVisible();
  await expect(answerOf(qualification, BUDGET)).toHaveText("Not answered");
  await expectNoSeriousViolations(page, { include: "#qualification" });

  await qualification.getByRole("button", { name: `Edit ${BUDGET}` }).click();
  const yesNo = qualification.getByRole("radiogroup", { name: BUDGET });
  await expect(yesNo.getByRole("radio", { name: "Not answered" })).toBeFocused();
  await expectNoSeriousViolations(page, { include: "#qualification" });
  await yesNo.getByRole("radio", { name: "Yes" }).check();
  await qualification.getByRole("button", { name: "Save" }).click();
  await expect(answerOf(qualification, BUDGET)).toHaveText("Yes");
  await expect(qualification.getByRole("button", { name: `Edit ${BUDGET}` })).toBeFocused();

  await qualification.getByRole("button", { name: `Edit ${DEADLINE}` }).click();
  await qualification.getByLabel(DEADLINE).fill("2027-05-31");
  await qualification.getByRole("button", { name: "Save" }).click();
  await expect(answerOf(qualification, DEADLINE)).toHaveText("May 31, 2027");

  await page.reload();
  await expect(answerOf(card(page), BUDGET)).toHaveText("Yes");
  await expect(answerOf(card(page), DEADLINE)).toHaveText("May 31, 2027");
  await expect(card(page)).toContainText("2 of 6 questions answered.");
  await expect(page.locator("#history")).toContainText(`${BUDGET} empty → Yes`);
  const saved = await api<Listed>(request, token, "get", `/opportunities/${deal!.id}`);
  expect(saved.qualificationAnswers).toEqual({ budget_allocated: true, project_deadline: "2027-05-31" });

  // The new deal form offers Qualify's questions, the first the deal will meet.
  await page.goto("/opportunities/new");
  await expectNoSeriousViolations(page);
  const account = `Harbor Freight ${uid()}`;
  await page.getByLabel("Opportunity name").fill(`${account} - Route planning`);
  await page.getByLabel("Account").fill(account);
  await page.getByLabel("Amount").fill("36000");
  await page.getByLabel("Close date").fill("2027-04-30");
  await page.getByRole("group", { name: PROJECT }).getByRole("radio", { name: "Yes" }).check();
  await page.getByRole("button", { name: "Create opportunity" }).click();
  await page.waitForURL(/\/opportunities\/(?!new)[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${account} - Route planning`);
  await expect(answerOf(card(page), PROJECT)).toHaveText("Yes");
  await expect(answerOf(card(page), BUDGET)).toHaveText("Not answered");
});
