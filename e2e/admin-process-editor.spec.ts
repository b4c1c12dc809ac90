// The process draft editor in a real browser against the built app with demo data: the admin starts
// a draft of Standard B2B through the API, then in the editor adds a stage (Security review, open,
// 60 %) with a `field` criterion (the amount above 0), adds a qualification question to the first
// stage, moves the new stage up by keyboard from its handle (hearing each step), saves, finds no
// problem, and publishes; the rep's process then has the new stage in its new place, its criterion
// and the question. Then, as the rep in a browser of their own, the board has the new stage's column
// and the new deal form asks the question, whose answer the new deal keeps. The audit log holds the
// draft's start, its save and the publication. The editor passes an axe scan.
import { expect, test } from "@playwright/test";
import {
  ADMIN,
  api,
  boardColumn,
  expectNoSeriousViolations,
  keyboardDragReady,
  liveRegion,
  openBoard,
  REP,
  signIn,
  tokenFor,
  uid,
} from "./support/app";

test.describe.configure({ timeout: 180_000 });

const KEY = "standard_b2b";

type Process = {
  version: number;
  stages: {
    key: string;
    name: string;
    kind: string;
    probability: number;
    exitCriteria: { key: string; type: string; field?: string; condition?: unknown }[];
    questions: { key: string; label: string; answer: string }[];
  }[];
};

test("an admin builds Standard B2B's next version in the editor and publishes it; the rep works with it", async ({ browser, page, request }) => {
  const startedAt = new Date().toISOString();
  const admin = { Authorization: `Bearer ${await tokenFor(request, ADMIN)}` };
  const repToken = await tokenFor(request, REP);
  const before = await api<Process>(request, repToken, "get", "/process");
  // A clean draft from the latest version (one left by an earlier run is discarded first).
  let started = await request.post(`/api/v1/processes/${KEY}/draft`, { headers: admin, data: {} });
  if (started.status() === 409) {
    expect((await request.delete(`/api/v1/processes/${KEY}/draft`, { headers: admin })).status()).toBe(204);
    started = await request.post(`/api/v1/processes/${KEY}/draft`, { headers: admin, data: {} });
  }
  expect(started.status()).toBe(201);

  await signIn(page, ADMIN, `/admin/processes/${KEY}/draft`);
  await expect(page.getByRole("heading", { level: 1, name: "Standard B2B: next version" })).toBeVisible();
  // Drag and drop works once the page is hydrated: dnd-kit then adds its instructions for screen readers.
  await expect(page.locator("#stage-order")).toBeAttached();
  await expect(page.getByTestId("problems-summary")).toHaveText("No problems: this draft can be published.");
  const list = page.getByRole("list", { name: "Stages in order" });
  const rows = list.getByRole("listitem");
  await expect(rows).toHaveCount(before.stages.length);

  // A new stage after Deliver/Finalize (the last open stage): its key follows its name.
  const finalize = before.stages.findIndex((s) => s.key === "finalize");
  await list.getByRole("button", { name: new RegExp(`^${finalize + 1}\\. Deliver/Finalize`) }).click();
  await page.getByRole("button", { name: "Add stage" }).click();
  const at = finalize + 1;
  const name = page.locator(`#field-stages-${at}-name`);
  await expect(name).toBeFocused();
  // Until it has a name and a definition, the draft has problems, and the publish button says how many.
  await expect(page.getByTestId("problems-summary")).toContainText("to fix before publishing");
  await expect(page.getByRole("button", { name: /^Publish \(\d+ problems? to fix\)$/ })).toBeDisabled();
  await name.fill("Security review");
  await expect(page.locator(`#field-stages-${at}-key`)).toHaveValue("security_review");
  await page.locator(`#field-stages-${at}-probability`).fill("60");
  await expect(page.locator(`#field-stages-${at}-kind`)).toHaveValue("open");
  await page.getByLabel("Definition", { exact: true }).fill("The buyer's security team reviews the product and its hosting.");

  // A `field` criterion: the amount above 0.
  await page.getByLabel("New criterion's type").selectOption("field");
  await page.getByRole("button", { name: "Add criterion" }).click();
  const criterion = (part: string) => page.locator(`#field-stages-${at}-exitCriteria-0-${part}`);
  await expect(criterion("label")).toBeFocused();
  await criterion("label").fill("Amount above zero");
  await expect(criterion("key")).toHaveValue("amount_above_zero");
  await criterion("field").selectOption("amount");
  await criterion("condition-op").selectOption("gt");
  await criterion("condition-value").fill("0");
  await expect(page.getByTestId("checklist-preview")).toContainText("Amount above zero");
  await expect(page.getByTestId("checklist-preview")).toContainText("Amount is greater than 0");

  // A qualification question on the first stage.
  await list.getByRole("button", { name: /^1\. Identify/ }).click();
  await page.getByRole("button", { name: "Add question" }).click();
  await page.locator("#field-stages-0-questions-0-label").fill("Is there a compelling event?");
  await page.locator("#field-stages-0-questions-0-answer").selectOption("yes_no");
  await expect(page.locator("#field-stages-0-questions-0-key")).toHaveValue("is_there_a_compelling_event");
  await expect(page.getByTestId("questions-preview")).toContainText("Is there a compelling event?");

  // Security review moves up one place by keyboard, before Deliver/Finalize, each step announced.
  await list.getByRole("button", { name: "Reorder Security review" }).focus();
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toHaveText(`Picked up Security review, stage ${at + 1} of ${before.stages.length + 1}.`);
  await keyboardDragReady(page);
  await page.keyboard.press("ArrowUp");
  await expect(liveRegion(page)).toHaveText(/^Security review moves to position \d+ of \d+, where Deliver\/Finalize is\.$/);
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toHaveText(`Dropped Security review at position ${at} of ${before.stages.length + 1}.`);
  await expect(rows.nth(at - 1)).toContainText("Security review");
  await expect(rows.nth(at)).toContainText("Deliver/Finalize");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("save-state")).toContainText("All changes saved.");
  await expect(page.getByTestId("problems-summary")).toHaveText("No problems: this draft can be published.");
  await expectNoSeriousViolations(page);

  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: "Publish this draft" });
  await dialog.getByLabel("Note").fill("Security review before the finalization");
  await expectNoSeriousViolations(page);
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/admin/processes" && url.searchParams.get("published") === KEY);

  // The rep's process: the new version, the new stage in its new place with its criterion, and the question.
  const after = await api<Process>(request, repToken, "get", "/process");
  expect(after.version).toBe(before.version + 1);
  const keys = before.stages.map((s) => s.key);
  keys.splice(finalize, 0, "security_review");
  expect(after.stages.map((s) => s.key)).toEqual(keys);
  const security = after.stages.find((s) => s.key === "security_review")!;
  expect(security).toMatchObject({ name: "Security review", kind: "open", probability: 60 });
  expect(security.exitCriteria).toEqual([
    expect.objectContaining({ key: "amount_above_zero", type: "field", field: "amount", condition: { op: "gt", value: 0 } }),
  ]);
  expect(after.stages[0]!.questions).toEqual([{ key: "is_there_a_compelling_event", label: "Is there a compelling event?", answer: "yes_no" }]);

  // Every change the admin made is in the audit log, in order.
  type Audit = { items: { action: string; at: string; actorEmail: string }[] };
  const audit = await api<Audit>(request, await tokenFor(request, ADMIN), "get", "/audit?objectType=process&limit=100");
  const mine = audit.items.filter((e) => e.at >= startedAt && e.actorEmail === ADMIN).map((e) => e.action);
  expect(mine.reverse()).toEqual(expect.arrayContaining(["process.draft_created", "process.draft_saved", "process.published"]));
  expect(mine.at(-1)).toBe("process.published");

  // The rep, in a browser of their own: the board has the new stage's column in its place.
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  try {
    await signIn(rep, REP, "/board");
    await openBoard(rep);
    const columns = rep.locator("section[data-stage]");
    const open = keys.filter((k) => after.stages.find((s) => s.key === k)!.kind === "open");
    await expect(columns.first()).toBeVisible();
    expect((await columns.evaluateAll((els) => els.map((e) => e.getAttribute("data-stage")))).slice(0, open.length)).toEqual(open);
    await expect(boardColumn(rep, "security_review").getByRole("heading", { name: /Security review/ })).toBeVisible();

    // The new deal form asks the new question; the new deal keeps the answer.
    await rep.goto("/opportunities/new");
    const account = `Keystone Audit ${uid()}`;
    await rep.getByLabel("Opportunity name").fill(`${account} - Review`);
    await rep.getByLabel("Account").fill(account);
    await rep.getByLabel("Amount").fill("12000");
    await rep.getByLabel("Close date").fill("2027-06-30");
    await rep.getByRole("group", { name: "Is there a compelling event?" }).getByRole("radio", { name: "Yes" }).check();
    await rep.getByRole("button", { name: "Create opportunity" }).click();
    await rep.waitForURL(/\/opportunities\/(?!new)[^/]+$/);
    const qualification = rep.locator("#qualification");
    await expect(qualification.locator("dt", { hasText: "Is there a compelling event?" }).locator("xpath=following-sibling::dd[1]")).toHaveText(
      "Yes",
    );
  } finally {
    await repContext.close();
  }
});

test("the editor of a process without a draft offers to start one", async ({ page, request }) => {
  const admin = { Authorization: `Bearer ${await tokenFor(request, ADMIN)}` };
  await request.delete("/api/v1/processes/customer_lifecycle/draft", { headers: admin });
  await signIn(page, ADMIN, "/admin/processes/customer_lifecycle/draft");
  await expect(page.getByRole("heading", { level: 2, name: /There is no such process yet|This process has no draft/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the processes" })).toHaveAttribute("href", "/admin/processes");
  await expectNoSeriousViolations(page);
});

test("a stage is removed after a confirmation, and the draft discarded after another", async ({ page, request }) => {
  const admin = { Authorization: `Bearer ${await tokenFor(request, ADMIN)}` };
  const key = `dialogs_${uid()}`;
  const started = await request.post(`/api/v1/processes/${key}/draft`, { headers: admin, data: { template: "six_steps" } });
  expect(started.status()).toBe(201);
  const stages = ((await started.json()) as { definition: { stages: { name: string }[] } }).definition.stages;
  await signIn(page, ADMIN, `/admin/processes/${key}/draft`);
  const rows = page.getByRole("list", { name: "Stages in order" }).getByRole("listitem");
  await expect(rows).toHaveCount(stages.length);

  // Removing the selected (first) stage asks first; keeping it changes nothing, removing takes it out.
  const removeFirst = page.getByRole("button", { name: `Remove ${stages[0]!.name}`, exact: true });
  await removeFirst.click();
  const remove = page.getByRole("dialog", { name: `Remove ${stages[0]!.name}?` });
  await expect(remove).toContainText(/It has \d+ exit criteri(on|a) and \d+ questions?\./);
  await expectNoSeriousViolations(page);
  await remove.getByRole("button", { name: "Keep it" }).click();
  await expect(remove).toBeHidden();
  await expect(rows).toHaveCount(stages.length);
  await removeFirst.click();
  await page
    .getByRole("dialog", { name: `Remove ${stages[0]!.name}?` })
    .getByRole("button", { name: "Remove stage" })
    .click();
  await expect(rows).toHaveCount(stages.length - 1);
  await expect(rows.first()).toContainText(stages[1]!.name);
  await expect(page.getByText(`${stages[0]!.name} removed. Save the draft to keep it so.`)).toBeVisible();

  // Discarding asks too, then the draft is gone: the page says so and the API has none.
  await page.getByRole("button", { name: "Discard draft", exact: true }).click();
  const discard = page.getByRole("dialog", { name: "Discard this draft?" });
  await expectNoSeriousViolations(page);
  await discard.getByRole("button", { name: "Discard draft", exact: true }).click();
  await expect(page.getByText("The draft was discarded. The published versions are as they were.")).toBeVisible();
  expect((await request.get(`/api/v1/processes/${key}/draft`, { headers: admin })).status()).toBe(404);
});
