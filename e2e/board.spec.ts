// The pipeline board in a real browser against the built app with demo data: moves by mouse and by
// keyboard, a refused move fixed in place, Closed Lost, a version conflict between two sessions,
// filters, and accessibility. Each test makes its own deals through the API, with unique names.
import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from "@playwright/test";
import {
  api,
  boardCard,
  boardColumn,
  cardHandle,
  current,
  type Deal,
  dragByMouse,
  expectNoSeriousViolations,
  keyboardDragReady,
  liveRegion,
  MANAGER,
  moveByApi,
  moveByKeyboard,
  openBoard,
  REP,
  satisfy,
  signIn,
  tokenFor,
  uid,
} from "./support/app";

// A drag is many actions, and a trace (E2E_TRACE=1, playwright.config.ts) slows each: give the flows room.
test.describe.configure({ timeout: 90_000 });

async function createDeal(request: APIRequestContext, token: string, account: string, extra: Record<string, unknown> = {}): Promise<Deal> {
  return api(request, token, "post", "/opportunities", {
    name: "Platform rollout",
    accountName: account,
    amount: 42000,
    closeDate: "2027-06-30",
    nextStep: "Discovery call with IT",
    nextStepDue: "2027-05-01",
    ...extra,
  });
}

test("a rep drags a deal whose criteria are met into the next stage", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const account = `E2E mouse ${uid()}`;
  const deal = await createDeal(request, token, account);
  await satisfy(request, token, deal.id, ["identify"]);

  await signIn(page, REP);
  await openBoard(page, `?q=${encodeURIComponent(account)}`);
  await expect(boardCard(boardColumn(page, "identify"), account)).toBeVisible();
  await dragByMouse(page, boardCard(page, account), boardColumn(page, "qualify"));

  await expect(boardCard(boardColumn(page, "qualify"), account)).toBeVisible();
  await expect(page.getByTestId("board-notice")).toContainText("moved to Qualify");
  expect((await current(request, token, deal.id)).stage).toBe("qualify");
  // The move sticks: a reload shows the card in Qualify.
  await page.reload();
  await expect(boardCard(boardColumn(page, "qualify"), account)).toBeVisible();
});

test("a deal moves by keyboard from its handle, with spoken announcements", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const account = `E2E keys ${uid()}`;
  const deal = await createDeal(request, token, account);
  await satisfy(request, token, deal.id, ["identify"]);

  await signIn(page, REP);
  await openBoard(page, `?q=${encodeURIComponent(account)}`);
  await cardHandle(page, account).focus();
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toHaveText(`Picked up ${account} – Platform rollout in Identify.`);
  await keyboardDragReady(page);
  await page.keyboard.press("ArrowRight");
  await expect(liveRegion(page)).toHaveText("Moved over Qualify.");
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toHaveText("Dropped in Qualify.");

  await expect(boardCard(boardColumn(page, "qualify"), account)).toBeVisible();
  await expect(cardHandle(page, account)).toBeFocused();
  await expect.poll(async () => (await current(request, token, deal.id)).stage).toBe("qualify");
});

/** Holds back the app's code fetched from now on (drag and drop's, loaded on the first reach for a card) by `ms`. */
async function slowCode(page: Page, ms: number) {
  await page.route("**/_next/static/chunks/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}

test.describe("drag and drop's code loads when the rep first reaches for a card", () => {
  test("not with the board; a pick-up pressed before it arrived is carried out when it does", async ({ page, request }) => {
    const token = await tokenFor(request, REP);
    const account = `E2E late keys ${uid()}`;
    const deal = await createDeal(request, token, account);
    await satisfy(request, token, deal.id, ["identify"]);

    await signIn(page, REP);
    await openBoard(page, `?q=${encodeURIComponent(account)}`);
    // dnd-kit's live region comes with dnd-kit: not there until a card is reached for.
    await expect(liveRegion(page)).toHaveCount(0);
    await expect(cardHandle(page, account)).toHaveAttribute("aria-describedby", "board-dnd");
    await slowCode(page, 1500);
    await cardHandle(page, account).focus();
    await page.keyboard.press("Space"); // before the code is there
    await expect(liveRegion(page)).toHaveText(`Picked up ${account} – Platform rollout in Identify.`);
    await expect(cardHandle(page, account)).toBeFocused();
    await keyboardDragReady(page);
    await page.keyboard.press("ArrowRight");
    await expect(liveRegion(page)).toHaveText("Moved over Qualify.");
    await page.keyboard.press("Space");
    await expect(liveRegion(page)).toHaveText("Dropped in Qualify.");
    await expect.poll(async () => (await current(request, token, deal.id)).stage).toBe("qualify");
  });

  test("a mouse drag let go before the code arrived drops where it was let go", async ({ page, request }) => {
    const token = await tokenFor(request, REP);
    const account = `E2E late mouse ${uid()}`;
    const deal = await createDeal(request, token, account);
    await satisfy(request, token, deal.id, ["identify"]);

    await signIn(page, REP);
    await openBoard(page, `?q=${encodeURIComponent(account)}`);
    await slowCode(page, 3000);
    await dragByMouse(page, boardCard(page, account), boardColumn(page, "qualify"), { release: "at-once" });
    await expect(boardCard(boardColumn(page, "qualify"), account)).toBeVisible();
    await expect(page.getByTestId("board-notice")).toContainText("moved to Qualify");
    expect((await current(request, token, deal.id)).stage).toBe("qualify");
  });

  test("a mouse drag held still over its target while the code arrives shows the target and drops there", async ({ page, request }) => {
    const token = await tokenFor(request, REP);
    const account = `E2E held mouse ${uid()}`;
    const deal = await createDeal(request, token, account);
    await satisfy(request, token, deal.id, ["identify"]);

    await signIn(page, REP);
    await openBoard(page, `?q=${encodeURIComponent(account)}`);
    await slowCode(page, 1500);
    const card = (await boardCard(page, account).boundingBox())!;
    const qualify = boardColumn(page, "qualify");
    const target = (await qualify.boundingBox())!;
    await page.mouse.move(card.x + card.width / 2, card.y + card.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + 120, { steps: 8 });
    // The pointer stays still from here: the drag starts where it is once the code is there.
    await expect(qualify).toHaveAttribute("data-drop-over", "true");
    await page.mouse.up();
    await expect(boardCard(qualify, account)).toBeVisible();
    await expect.poll(async () => (await current(request, token, deal.id)).stage).toBe("qualify");
  });
});

test("a refused move is fixed from the panel, in place, and retried", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const account = `E2E fix ${uid()}`;
  const deal = await createDeal(request, token, account);

  await signIn(page, REP);
  await openBoard(page, `?q=${encodeURIComponent(account)}`);
  await moveByKeyboard(page, account, 3); // Identify → Negotiate, skipping Qualify and Propose

  const panel = page.getByRole("dialog", { name: "Platform rollout can't move to Negotiate yet" });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("heading", { name: /Exit criteria of Identify/ })).toBeVisible();
  await expect(panel.getByRole("heading", { name: /Exit criteria of Qualify/ })).toBeVisible();
  await expect(panel.getByRole("heading", { name: /Exit criteria of Propose/ })).toBeVisible();
  // The card went back where it was while the rep fixes the deal (under the modal, hidden from the accessibility tree).
  await expect(boardColumn(page, "identify").locator("article", { hasText: account })).toBeVisible();

  for (const label of [
    "Met a decision maker or influencer",
    "Value and fit confirmed with every buyer group",
    "Budget confirmed",
    "Pricing presented to the buyer",
  ]) {
    await panel.getByRole("checkbox", { name: label }).check();
    await expect(panel.getByRole("checkbox", { name: label })).toBeChecked();
    await expect(panel.getByRole("checkbox", { name: label })).toBeEnabled();
  }
  await panel.getByLabel("How they buy is recorded").fill("CFO signs; procurement runs a two-week review.");
  await panel.getByLabel("How they buy is recorded").locator("xpath=following-sibling::button").click();
  await expect(panel.getByText("Saved on the deal.")).toBeVisible();
  await panel.getByLabel("Decision criteria recorded").fill("Time to value, CRM integration, price per seat.");
  await panel.getByLabel("Decision criteria recorded").locator("xpath=following-sibling::button").click();
  await expect(panel.getByText("Saved on the deal.")).toHaveCount(2);

  await panel.getByLabel("Decision maker's name").fill("Dana Chief");
  await panel.getByRole("button", { name: "Add decision maker" }).click();
  await expect(panel.getByText("Dana Chief added as decision maker.")).toBeVisible();
  await panel.getByLabel("Champion's name").fill("Chris Champion");
  await panel.getByRole("button", { name: "Add champion" }).click();
  await expect(panel.getByText("Chris Champion added as champion.")).toBeVisible();

  await panel
    .getByLabel("Formal quote attached")
    .setInputFiles({ name: "quote.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%quote\n") });
  await panel.getByRole("button", { name: "Upload quote" }).click();
  await expect(panel.getByText("Attached as quote.pdf.")).toBeVisible();

  // The close plan: one step of the rep's own, then the typical steps of a close.
  await panel.getByLabel("Step", { exact: true }).fill("Security questionnaire returned");
  await panel.getByLabel("Due").fill("2027-05-15");
  await panel.getByRole("button", { name: "Add step" }).click();
  await expect(panel.getByText("1 step added. 1 step with an owner and a due date: 2 more needed.")).toBeVisible();
  await expect(panel.getByText("All fixed: ready to retry.")).toHaveCount(0);
  await panel.getByRole("button", { name: "Add the typical closing steps" }).click();
  await expect(panel.getByText("6 steps added. 7 steps with an owner and a due date.")).toBeVisible();
  await expect(panel.getByText("All fixed: ready to retry.")).toBeVisible();

  await panel.getByRole("button", { name: "Retry move" }).click();
  await expect(panel).toBeHidden();
  await expect(boardCard(boardColumn(page, "negotiate"), account)).toBeVisible();
  await expect(page.getByTestId("board-notice")).toContainText("moved to Negotiate");
  expect((await current(request, token, deal.id)).stage).toBe("negotiate");
  const plan = await api<{ steps: { title: string; ownerUserId: string | null; dueDate: string | null }[] }>(
    request,
    token,
    "get",
    `/opportunities/${deal.id}/close-plan`,
  );
  expect(plan.steps).toHaveLength(7);
  expect(plan.steps.every((s) => s.ownerUserId === deal.ownerId && s.dueDate)).toBe(true);
  expect(plan.steps.map((s) => s.title)).toContain("Security questionnaire returned");
});

test("Closed Lost asks for its fields in a dialog", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const account = `E2E lost ${uid()}`;
  const deal = await createDeal(request, token, account);
  await satisfy(request, token, deal.id, ["identify"]);
  await moveByApi(request, token, deal.id, "qualify");

  await signIn(page, REP);
  await openBoard(page, `?q=${encodeURIComponent(account)}`);
  const lost = boardColumn(page, "closed_lost");
  const before = Number((await lost.locator("p").nth(0).textContent())?.replace(/\D/g, ""));
  await dragByMouse(page, boardCard(page, account), lost);

  const dialog = page.getByRole("dialog", { name: "Close Platform rollout as lost" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Why we lost").selectOption("competitor");
  await dialog.getByLabel("Explanation").fill("They chose a vendor bundled with their CRM renewal.");
  await dialog.getByLabel("Lost to competitor").fill("DealFlow");
  await dialog.getByLabel("Nothing was missing").check();
  await dialog.getByRole("button", { name: "Close as lost" }).click();

  await expect(dialog).toBeHidden();
  await expect(boardCard(page, account)).toHaveCount(0);
  await expect(page.getByTestId("board-notice")).toContainText("closed as lost");
  await expect(lost.locator("p").nth(0)).toHaveText(new RegExp(`^${before + 1}`));
  const closed = await current(request, token, deal.id);
  expect(closed.stage).toBe("closed_lost");
  expect((closed as unknown as { lost: unknown }).lost).toEqual({
    reasonCategory: "competitor",
    explanation: "They chose a vendor bundled with their CRM renewal.",
    competitor: "DealFlow",
    missingFunctionality: "none",
  });
});

test("Closed Won asks why we won, and a move back asks why", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const tag = uid();
  const won = `E2E won ${tag}`;
  const back = `E2E back ${tag}`;
  const winner = await createDeal(request, token, won, { years: 2 });
  await satisfy(request, token, winner.id, ["identify", "qualify", "propose", "negotiate", "finalize"]);
  await moveByApi(request, token, winner.id, "finalize");
  const loser = await createDeal(request, token, back);
  await satisfy(request, token, loser.id, ["identify"]);
  await moveByApi(request, token, loser.id, "qualify");

  await signIn(page, REP);
  await openBoard(page, `?q=${tag}`);
  await dragByMouse(page, boardCard(page, won), boardColumn(page, "closed_won"));
  const wonDialog = page.getByRole("dialog", { name: "Close Platform rollout as won" });
  await wonDialog.getByLabel("Why did we win?").fill("Fastest time to value; the champion sold it internally.");
  await wonDialog.getByRole("button", { name: "Close as won" }).click();
  await expect(wonDialog).toBeHidden();
  await expect(page.getByTestId("board-notice")).toContainText(`${won} – Platform rollout closed as won`);
  expect((await current(request, token, winner.id)).stage).toBe("closed_won");

  await moveByKeyboard(page, back, 1, "ArrowLeft");
  const backDialog = page.getByRole("dialog", { name: "Move Platform rollout back to Identify" });
  await backDialog.getByLabel("Why is it moving back?").fill("New sponsor: the buying process starts over.");
  await backDialog.getByRole("button", { name: "Move back" }).click();
  await expect(boardCard(boardColumn(page, "identify"), back)).toBeVisible();
  // The card moves at once; the notice comes when the server has answered.
  await expect(page.getByTestId("board-notice")).toContainText(`${back} – Platform rollout moved to Identify`);
  expect((await current(request, token, loser.id)).stage).toBe("identify");
});

test("a manager overrides a refused move with a written justification", async ({ page, request }) => {
  const token = await tokenFor(request, MANAGER);
  const account = `E2E override ${uid()}`;
  const deal = await createDeal(request, token, account);

  await signIn(page, MANAGER);
  await openBoard(page, `?q=${encodeURIComponent(account)}`);
  await moveByKeyboard(page, account, 1);
  const panel = page.getByRole("dialog", { name: "Platform rollout can't move to Qualify yet" });
  await panel.getByRole("checkbox", { name: /Override as manager/ }).check();
  await expect(panel.getByRole("button", { name: "Override and move" })).toBeDisabled(); // not without a justification
  await panel.getByRole("textbox", { name: "Justification" }).fill("Signed LOI in hand; discovery notes follow tomorrow.");
  await panel.getByRole("button", { name: "Override and move" }).click();

  await expect(panel).toBeHidden();
  await expect(boardCard(boardColumn(page, "qualify"), account)).toBeVisible();
  await expect(page.getByTestId("board-notice")).toContainText("moved to Qualify, with an override");
  expect((await current(request, token, deal.id)) as unknown as { stage: string; overridden: boolean }).toMatchObject({
    stage: "qualify",
    overridden: true,
  });
  const history = await api<{ items: { type: string; details: { justification?: string } }[] }>(
    request,
    token,
    "get",
    `/opportunities/${deal.id}/history`,
  );
  expect(history.items.find((h) => h.type === "override")?.details.justification).toBe("Signed LOI in hand; discovery notes follow tomorrow.");
});

async function signedInPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("a stale card refused for a version conflict says so and shows the current state", async ({ browser, request }) => {
  const token = await tokenFor(request, REP);
  const account = `E2E conflict ${uid()}`;
  const deal = await createDeal(request, token, account);
  await satisfy(request, token, deal.id, ["identify", "qualify"]);

  const first = await signedInPage(browser, REP);
  const second = await signedInPage(browser, REP);
  for (const { page } of [first, second]) await openBoard(page, `?q=${encodeURIComponent(account)}`);

  // The first session moves the deal on; the second still shows it in Identify, at the old version.
  await moveByKeyboard(first.page, account, 1);
  await expect(boardCard(boardColumn(first.page, "qualify"), account)).toBeVisible();
  await expect.poll(async () => (await current(request, token, deal.id)).stage).toBe("qualify");

  await moveByKeyboard(second.page, account, 2); // Identify → Propose, from the stale card
  await expect(second.page.getByTestId("board-notice")).toContainText(`Someone else changed ${account} – Platform rollout`);
  await expect(second.page.getByTestId("board-notice")).toContainText("It is in Qualify now.");
  await expect(boardCard(boardColumn(second.page, "qualify"), account)).toBeVisible();
  await expect(boardCard(boardColumn(second.page, "identify"), account)).toHaveCount(0);
  expect((await current(request, token, deal.id)).stage).toBe("qualify");
  await first.context.close();
  await second.context.close();
});

test("filters narrow the board and live in the URL", async ({ page, request }) => {
  const tag = uid();
  const managerToken = await tokenFor(request, MANAGER);
  const repToken = await tokenFor(request, REP);
  await createDeal(request, managerToken, `E2E filter ${tag} Mine`, { amount: 90000 });
  await createDeal(request, repToken, `E2E filter ${tag} Team`, { amount: 30000, nextStepDue: "2024-01-02" }); // overdue: stalled

  await signIn(page, MANAGER);
  await openBoard(page);
  const cards = page.locator('[data-testid="board"] article');
  await page.getByLabel("Search account or deal").fill(`filter ${tag}`);
  await expect(page).toHaveURL(new RegExp(`q=filter\\+${tag}`));
  await expect(cards).toHaveCount(2);

  await page.getByLabel("Owner").selectOption({ label: "Mine" });
  await expect(page).toHaveURL(/owner=mine/);
  await expect(cards).toHaveCount(1);
  await expect(boardCard(page, `E2E filter ${tag} Mine`)).toBeVisible();

  await page.getByLabel("Owner").selectOption({ label: "My team" });
  await expect(page).not.toHaveURL(/owner=/);
  await page.getByText("Stalled only").click();
  await expect(page).toHaveURL(/stalled=1/);
  await expect(cards).toHaveCount(1);
  await expect(boardCard(page, `E2E filter ${tag} Team`)).toContainText("Stalled");

  await page.reload(); // the filtered board survives a reload
  await expect(cards).toHaveCount(1);
  await expect(page.getByLabel("Search account or deal")).toHaveValue(`filter ${tag}`);

  await page.getByLabel("Minimum amount").fill("50000");
  await expect(page.getByRole("heading", { name: "No deals match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/board$/);
  await expect(page.getByLabel("Search account or deal")).toHaveValue("");
});

test("the board and its refused-move panel pass an accessibility scan", async ({ page, request }) => {
  const token = await tokenFor(request, REP);
  const account = `E2E axe ${uid()}`;
  await createDeal(request, token, account);

  await signIn(page, REP);
  await openBoard(page);
  await expect(page.getByRole("heading", { name: "Identify", level: 2 })).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.getByLabel("Search account or deal").fill(account);
  await expect(page.locator('[data-testid="board"] article')).toHaveCount(1);
  await moveByKeyboard(page, account, 1);
  const panel = page.getByRole("dialog", { name: "Platform rollout can't move to Qualify yet" });
  await expect(panel).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
});

// The board and the deal page share one kit: the same actions, the same Closed Lost form and the same
// fixers. Each test does the same thing in both places and compares what was stored.
test.describe("one kit on the board and on the deal page", () => {
  async function dealInQualify(request: APIRequestContext, token: string, account: string) {
    const deal = await createDeal(request, token, account);
    await satisfy(request, token, deal.id, ["identify"]);
    return moveByApi(request, token, deal.id, "qualify");
  }

  async function answerLost(dialog: Locator) {
    await dialog.getByLabel("Why we lost").selectOption("no_decision");
    await dialog.getByLabel("Explanation").fill("The buyer kept its spreadsheets for another year.");
    await dialog.getByLabel("No competitor").check();
    await dialog.getByLabel("Nothing was missing").check();
    await dialog.getByRole("button", { name: "Close as lost" }).click();
    await expect(dialog).toBeHidden();
  }

  test("Closed Lost stores the same answers, none included, from the board and from the deal page", async ({ page, request }) => {
    const token = await tokenFor(request, REP);
    const tag = uid();
    const fromBoard = await dealInQualify(request, token, `E2E lost board ${tag}`);
    const fromPage = await dealInQualify(request, token, `E2E lost page ${tag}`);

    await signIn(page, REP);
    await openBoard(page, `?q=${tag}`);
    await dragByMouse(page, boardCard(page, `E2E lost board ${tag}`), boardColumn(page, "closed_lost"));
    await answerLost(page.getByRole("dialog", { name: "Close Platform rollout as lost" }));
    await expect(page.getByTestId("board-notice")).toContainText("closed as lost");

    await page.goto(`/opportunities/${fromPage.id}`);
    await page.getByRole("button", { name: "Closed Lost" }).click();
    await answerLost(page.getByRole("dialog", { name: "Mark as Closed Lost" }));
    await expect(page.getByRole("heading", { name: /^Closed Lost on / })).toBeVisible();

    const lost = async (id: string) => ((await current(request, token, id)) as unknown as { lost: unknown }).lost;
    const expected = {
      reasonCategory: "no_decision",
      explanation: "The buyer kept its spreadsheets for another year.",
      competitor: "none",
      missingFunctionality: "none",
    };
    expect(await lost(fromBoard.id)).toEqual(expected);
    expect(await lost(fromPage.id)).toEqual(expected);
    // Both read back as "none" on the deal page's summary.
    await page.goto(`/opportunities/${fromBoard.id}`);
    await expect(page.getByRole("heading", { name: /^Closed Lost on / })).toBeVisible();
    await expect(page.getByText("No competitor", { exact: true })).toBeVisible();
    await expect(page.getByText("Nothing was missing", { exact: true })).toBeVisible();
  });

  test("Closed Lost from the first stage is refused on the board before any form, as on the deal page", async ({ page, request }) => {
    const token = await tokenFor(request, REP);
    const account = `E2E early ${uid()}`;
    const deal = await createDeal(request, token, account);

    await signIn(page, REP);
    await openBoard(page, `?q=${encodeURIComponent(account)}`);
    await dragByMouse(page, boardCard(page, account), boardColumn(page, "closed_lost"));
    await expect(page.getByTestId("board-notice")).toContainText("Closed Lost starts at Qualify");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(boardCard(boardColumn(page, "identify"), account)).toBeVisible();

    await page.goto(`/opportunities/${deal.id}`);
    await expect(page.getByRole("button", { name: "Disqualify" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Closed Lost" })).toHaveCount(0);
    expect((await current(request, token, deal.id)).stage).toBe("identify");
  });

  test("the same fixers meet a criterion in the board's refused-move panel and in the deal page's move dialog", async ({ page, request }) => {
    const token = await tokenFor(request, REP);
    const tag = uid();
    const onBoard = await dealInQualify(request, token, `E2E fixers board ${tag}`);
    const onPage = await dealInQualify(request, token, `E2E fixers page ${tag}`);

    /** Qualify's unmet criteria, met from a list of fixers: the champion added, two ticks. */
    async function fixQualify(list: Locator) {
      await list.getByLabel("Champion's name").fill("Chris Champion");
      await list.getByRole("button", { name: "Add champion" }).click();
      await expect(list.getByText("Chris Champion added as champion.")).toBeVisible();
      for (const label of ["Value and fit confirmed with every buyer group", "Budget confirmed"]) {
        await list.getByRole("checkbox", { name: label }).check();
        await expect(list.getByRole("checkbox", { name: label })).toBeChecked();
        await expect(list.getByRole("checkbox", { name: label })).toBeEnabled();
      }
    }

    await signIn(page, REP);
    await openBoard(page, `?q=${tag}`);
    await moveByKeyboard(page, `E2E fixers board ${tag}`, 1);
    const panel = page.getByRole("dialog", { name: "Platform rollout can't move to Propose yet" });
    await fixQualify(panel.getByTestId("unmet-criteria"));
    await expect(panel.getByText("All fixed: ready to retry.")).toBeVisible();
    await panel.getByRole("button", { name: "Retry move" }).click();
    await expect(boardCard(boardColumn(page, "propose"), `E2E fixers board ${tag}`)).toBeVisible();

    await page.goto(`/opportunities/${onPage.id}`);
    await page
      .getByRole("list", { name: "Stage path" })
      .getByRole("button", { name: /^Propose/ })
      .click();
    const dialog = page.getByRole("dialog", { name: "Move to Propose" });
    await fixQualify(dialog.getByTestId("unmet-criteria"));
    await dialog.getByRole("button", { name: "Move to Propose" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("list", { name: "Stage path" }).locator('[aria-current="step"]')).toContainText("Propose");

    for (const id of [onBoard.id, onPage.id]) {
      const deal = (await current(request, token, id)) as unknown as { stage: string; contacts: { name: string; role: string }[] };
      expect(deal.stage).toBe("propose");
      expect(deal.contacts.filter((c) => c.role === "champion").map((c) => c.name)).toEqual(["Chris Champion"]);
    }
  });
});
