// Closing a deal won, in a real browser against the built app: the deal is won from the board
// (the Closed Won dialog), then its checklist is worked through on the deal page with the local
// receivers running (e2e/receivers): the #wins post, the welcome e-mail after adding the customer
// contact, the hand-off invitation, why we won edited in place, and the post sent again once
// confirmed. Each message is read back from the receivers; the card and its dialogs are scanned by axe.
import { expect, type APIRequestContext, test } from "@playwright/test";
import ICAL from "ical.js";
import { simpleParser } from "mailparser";
import { RECEIVED_URL, type Received } from "./receivers/ports";
import {
  api,
  boardCard,
  boardColumn,
  dragByMouse,
  expectNoSeriousViolations,
  moveByApi,
  openBoard,
  REP,
  satisfy,
  signIn,
  tokenFor,
  uid,
} from "./support/app";

test.describe.configure({ timeout: 180_000 });

const received = async (request: APIRequestContext): Promise<Received> => (await request.get(RECEIVED_URL)).json();

/**
 * What each axe scan covers: one part of the page. The welcome e-mail's frame is left out: it is
 * sandboxed without scripts (axe cannot run in it), and it holds the admins' template, not the app's controls.
 */
const scanOf = (include: string) => ({ include, exclude: "iframe" });

test("a deal won from the board, its checklist completed with Slack and mail receiving", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const tag = uid();
  const account = `E2E closing ${tag}`;
  const deal = await api(request, token, "post", "/opportunities", {
    name: "Platform rollout",
    accountName: account,
    amount: 42000,
    closeDate: "2027-06-30",
    years: 2,
    nextStep: "Signature",
    nextStepDue: "2027-05-01",
  });
  await satisfy(request, token, deal.id, ["identify", "qualify", "propose", "negotiate", "finalize"]);
  await moveByApi(request, token, deal.id, "finalize");

  // Won from the board, through the Closed Won dialog.
  await signIn(page, REP);
  await openBoard(page, `?q=${tag}`);
  await dragByMouse(page, boardCard(page, account), boardColumn(page, "closed_won"));
  const wonDialog = page.getByRole("dialog", { name: "Close Platform rollout as won" });
  await wonDialog.getByLabel("Why did we win?").fill("Fastest time to value.");
  await wonDialog.getByRole("button", { name: "Close as won" }).click();
  await expect(wonDialog).toBeHidden();
  await expect(page.getByTestId("board-notice")).toContainText("closed as won");

  await page.goto(`/opportunities/${deal.id}`);
  const card = page.locator("#closing-checklist");
  await expect(card.getByRole("heading", { name: "Closing checklist" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Closing: 3 items open" })).toBeVisible();
  const item = (kind: string) => card.locator(`li[data-item="${kind}"]`);
  await expect(item("signed_contract")).toContainText("Done");
  await expect(item("welcome_email")).toContainText("Add a contact with the role Customer contact");
  await expectNoSeriousViolations(page, scanOf("#closing-checklist"));

  // The #wins post: previewed as it will read, sent, delivered.
  await item("slack_post").getByRole("button", { name: "Preview and send" }).click();
  const slackDialog = page.getByRole("dialog", { name: "Preview the #wins post" });
  await expect(slackDialog).toContainText("Platform rollout is closed won");
  await expect(slackDialog).toContainText("Why we won: Fastest time to value.");
  await expectNoSeriousViolations(page, scanOf('[role="dialog"]'));
  await slackDialog.getByRole("button", { name: "Send to #wins" }).click();
  await expect(slackDialog).toBeHidden();
  await expect(item("slack_post").getByText("Done", { exact: true })).toBeVisible({ timeout: 30_000 });

  // The welcome e-mail: its customer contact added from the checklist, then previewed and sent.
  const email = `ana.${tag}@customer.e2e.test`;
  await item("welcome_email").getByLabel("Customer contact's name").fill("Ana Silva");
  await item("welcome_email").getByLabel("E-mail").fill(email);
  await item("welcome_email").getByRole("button", { name: "Add customer contact" }).click();
  await item("welcome_email").getByRole("button", { name: "Preview and send" }).click();
  const mailDialog = page.getByRole("dialog", { name: "Preview the welcome e-mail" });
  await expect(mailDialog).toContainText(email);
  await expect(mailDialog.frameLocator("iframe").getByText("Hello Ana Silva,")).toBeVisible();
  await expectNoSeriousViolations(page, scanOf('[role="dialog"]'));
  await mailDialog.getByRole("button", { name: "Send e-mail" }).click();
  await expect(mailDialog).toBeHidden();
  await expect(item("welcome_email").getByText("Done", { exact: true })).toBeVisible({ timeout: 30_000 });

  // The hand-off: a CSM from outside Stageline, the default time, the invitation sent.
  await item("handoff_meeting").getByRole("button", { name: "Plan the hand-off" }).click();
  const handoff = page.getByRole("dialog", { name: "Invite customer success to the hand-off" });
  await handoff.getByRole("button", { name: "Send invitation" }).click();
  await expect(handoff.getByText("Choose who takes the hand-off")).toBeVisible();
  await expect(handoff.getByLabel("Person")).toHaveAttribute("aria-invalid", "true");
  await handoff.getByLabel("Someone else").check();
  await handoff.getByLabel("Name").fill("Sam Ortiz");
  await handoff.getByLabel("E-mail").fill(`sam.${tag}@csm.e2e.test`);
  await expectNoSeriousViolations(page, scanOf('[role="dialog"]'));
  await handoff.getByRole("button", { name: "Send invitation" }).click();
  await expect(handoff).toBeHidden();
  await expect(item("handoff_meeting").getByText("Done", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(item("handoff_meeting")).toContainText("with Sam Ortiz");

  // Why we won, edited in place.
  await item("why_won").getByRole("button", { name: "Edit why we won" }).click();
  await item("why_won").getByLabel("Why we won").fill("Fastest time to value, and the champion's push.");
  await item("why_won").getByRole("button", { name: "Save" }).click();
  await expect(item("why_won").getByTestId("why-won")).toHaveText("Fastest time to value, and the champion's push.");

  await expect(card).toContainText("Every item is done.");
  await expect(page.getByRole("link", { name: /^Closing:/ })).toHaveCount(0);

  // Sending the post again asks first, then sends a second one.
  await item("slack_post").getByRole("button", { name: "Send again" }).click();
  const again = page.getByRole("dialog", { name: "Send the #wins post again?" });
  await expect(again).toContainText("already delivered");
  await again.getByRole("button", { name: "Yes, send again" }).click();
  await expect(again).toBeHidden();

  // What the receivers took: two posts (Block Kit with its text), the welcome, and the invitation to both attendees.
  await expect.poll(async () => (await received(request)).slack.filter((s) => s.body.text?.includes(account)).length, { timeout: 30_000 }).toBe(2);
  const got = await received(request);
  const post = got.slack.find((s) => s.body.text?.includes(account))!;
  expect(post.body.blocks?.length).toBeGreaterThan(0);
  const welcome = got.mail.filter((m) => m.to.includes(email));
  expect(welcome).toHaveLength(1);
  expect((await simpleParser(welcome[0]!.raw)).subject).toBe(`Welcome aboard, ${account}`);
  const csm = `sam.${tag}@csm.e2e.test`;
  const invitation = got.mail.filter((m) => m.to.includes(csm));
  expect(invitation).toHaveLength(1);
  expect(invitation[0]!.to.sort()).toEqual([csm, REP].sort());
  const part = (await simpleParser(invitation[0]!.raw)).attachments.find((a) => a.contentType.startsWith("text/calendar"));
  const calendar = new ICAL.Component(ICAL.parse(part!.content.toString()));
  expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
  expect(event.attendees.map((x) => String(x.getFirstValue()).toLowerCase()).sort()).toEqual([`mailto:${csm}`, `mailto:${REP}`].sort());
});
