// The re-engagement plays through the pages: a rep loses a deal, starts Raise the Dead on its page,
// sees it among the upcoming reminders with its controls, and Missed Connections' touches with their
// suggested messages; the card and the reminders page pass an accessibility scan.
import { expect, test } from "@playwright/test";
import { api, current, expectNoSeriousViolations, moveByApi, REP, satisfy, signIn, tokenFor, uid } from "./support/app";

// Each test walks the deal page and the reminders page and scans both: more than the default 30 s on
// a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const LOST = { reasonCategory: "price", explanation: "Budget cut for the year", competitor: "none", missingFunctionality: "none" };

test("a lost deal's Re-engagement card starts Raise the Dead, and My reminders lists it with its controls", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const account = `Revive ${uid()}`;
  const deal = await api(request, token, "post", "/opportunities", {
    name: `${account} - Platform`,
    accountName: account,
    amount: 36000,
    closeDate: "2027-06-30",
    nextStep: "Pricing call",
    nextStepDue: "2027-05-01",
  });
  await satisfy(request, token, deal.id, ["identify", "qualify"]);
  await moveByApi(request, token, deal.id, "qualify");
  await moveByApi(request, token, deal.id, "propose");
  const { version } = await current(request, token, deal.id);
  await api(request, token, "post", `/opportunities/${deal.id}/transitions`, { toStage: "closed_lost", version, lost: LOST });

  await signIn(page, REP);
  await page.goto(`/opportunities/${deal.id}`);
  const card = page.locator("#re-engagement");
  await expect(card.getByRole("heading", { name: "Re-engagement" })).toBeVisible();
  await expect(card).toContainText("No active play");
  await expectNoSeriousViolations(page);

  // A date today is refused by the rule, beside its field.
  await card.getByRole("button", { name: "Raise the Dead" }).click();
  const dialog = page.getByRole("dialog", { name: "Start Raise the Dead" });
  await dialog.getByLabel("Revisit on").fill(inDays(0));
  await dialog.getByRole("button", { name: "Start Raise the Dead" }).click();
  await expect(dialog.getByText("Pick a date after today.")).toBeVisible();
  await expectNoSeriousViolations(page);
  await dialog.getByLabel("Revisit on").fill(inDays(10));
  await dialog.getByLabel("Note (optional)").fill("Budget returns in Q3");
  await dialog.getByRole("button", { name: "Start Raise the Dead" }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByRole("heading", { name: "Raise the Dead" })).toBeVisible();
  await expect(card).toContainText("Due in 10 days");
  await expect(card).toContainText("Note: Budget returns in Q3");
  await expect(card.getByRole("button", { name: "Raise the Dead" })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  // Missed Connections, started through the API, shows its touches with suggested messages.
  await api(request, token, "post", `/opportunities/${deal.id}/plays`, { kind: "missed_connections" });

  await page.goto("/reminders");
  await expect(page.getByRole("heading", { name: "My reminders", level: 1 })).toBeVisible();
  const upcoming = page.locator("section", { has: page.getByRole("heading", { name: /^Upcoming/ }) });
  const rows = upcoming.getByRole("listitem").filter({ hasText: account });
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText("Raise the Dead: revisit the deal");
  await expect(rows.first()).toContainText("Due in 10 days");
  await expect(rows.nth(1)).toContainText("Missed Connections: touch 1 of 3");
  await expect(rows.nth(1)).toContainText("Suggested message:");
  await expect(rows.nth(2)).toContainText("Comes after touch 1 is recorded.");
  await expectNoSeriousViolations(page);

  // The controls: snooze opens its dialog with a date field, and Cancel leaves everything as it was.
  await rows
    .first()
    .getByRole("button", { name: `Snooze: ${account} - Platform` })
    .click();
  const snooze = page.getByRole("dialog", { name: "Snooze Raise the Dead" });
  await expect(snooze.getByLabel("Revisit on")).toBeVisible();
  await expectNoSeriousViolations(page);
  await snooze.getByRole("button", { name: "Cancel" }).click();
  await expect(snooze).toBeHidden();

  // Recording the first touch moves the controls to the second.
  await rows
    .nth(1)
    .getByRole("button", { name: `Record touch 1 as done: ${account} - Platform` })
    .click();
  await expect(upcoming.getByRole("listitem").filter({ hasText: account })).toHaveCount(3);
  await expect(upcoming.getByRole("button", { name: `Record touch 2 as done: ${account} - Platform` })).toBeVisible();

  // Closing asks first, then the play is gone from the list.
  await upcoming
    .getByRole("button", { name: `Close the play: ${account} - Platform` })
    .first()
    .click();
  const close = page.getByRole("dialog", { name: "Close this play?" });
  await close.getByRole("button", { name: "Close the play" }).click();
  await expect(close).toBeHidden();
  await expect(upcoming.getByRole("listitem").filter({ hasText: account })).toHaveCount(2);

  // The navigation has the link.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^My reminders/ })).toBeVisible();
});
