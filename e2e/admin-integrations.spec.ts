// The admin's integrations page (docs/rules/integrations.md): the demo admin adds a webhook endpoint
// on this machine's receiver, sees its secret once, rotates it, and finds a deal's creation delivered
// (signed: the receiver's copy verifies with the standardwebhooks package) on the endpoint's page;
// pauses and deletes it; changes the embed's origins and puts them back; sends a Slack test message
// that the receiver gets. The page passes an accessibility scan; a manager gets no console.
import { type APIRequestContext, expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { RECEIVED_URL, type Received, WEBHOOK_RECEIVER_URL } from "./receivers/ports";
import { ADMIN, api, expectNoSeriousViolations, MANAGER, REP, signIn, tokenFor, uid } from "./support/app";
import { EMBED_PARENT_ORIGIN } from "./support/embed-ports";

test.describe.configure({ timeout: 120_000 });

const received = async (request: APIRequestContext): Promise<Received> => (await request.get(RECEIVED_URL)).json();

test("the demo admin registers a webhook endpoint, rotates its secret, follows a signed delivery, then pauses and deletes it", async ({
  page,
  request,
}) => {
  const path = `/webhooks/e2e-${uid()}`;
  const url = `${WEBHOOK_RECEIVER_URL.replace(/\/webhooks$/, "")}${path}`;
  await signIn(page, ADMIN, "/admin/integrations");
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
  // The demo's endpoint is there, paused, with why.
  await expect(page.getByText("https://crm.example.com/hooks/stageline")).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.getByRole("button", { name: "Add an endpoint" }).click();
  const form = page.getByRole("dialog", { name: "Add a webhook endpoint" });
  await form.getByLabel("URL").fill(url);
  await form.getByLabel("Description (optional)").fill("E2E receiver");
  await form.getByRole("checkbox", { name: /A deal is created/ }).check();
  await form.getByRole("button", { name: "Add the endpoint" }).click();
  const reveal = page.getByRole("dialog", { name: "The endpoint's secret" });
  const first = (await reveal.getByTestId("webhook-secret").textContent())!.trim();
  expect(first).toMatch(/^whsec_/);
  await reveal.getByRole("button", { name: "I have copied it" }).click();

  const row = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: url }) });
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: `Rotate the secret of ${url}` }).click();
  await page.getByRole("dialog", { name: "Rotate the secret?" }).getByRole("button", { name: "Rotate the secret" }).click();
  const rotated = page.getByRole("dialog", { name: "The new secret" });
  const second = (await rotated.getByTestId("webhook-secret").textContent())!.trim();
  expect(second).toMatch(/^whsec_/);
  expect(second).not.toBe(first);
  await rotated.getByRole("button", { name: "I have copied it" }).click();
  await expect(row).toContainText("the previous secret signs too until");

  // A new deal is an opportunity.created delivery, signed with both secrets during the rotation window.
  // The worker sends it within a poll when idle; on a busy machine, behind the other messages queued.
  const account = `Webhook Co ${uid()}`;
  const deal = await api(request, await tokenFor(request, REP), "post", "/opportunities", {
    name: "Pilot",
    accountName: account,
    amount: 10000,
    closeDate: "2027-06-30",
  });
  await expect.poll(async () => (await received(request)).webhooks.filter((w) => w.path === path).length, { timeout: 60_000 }).toBe(1);
  const delivery = (await received(request)).webhooks.find((w) => w.path === path)!;
  for (const secret of [first, second]) {
    const payload = new Webhook(secret).verify(delivery.raw, delivery.headers) as { type: string; data: { opportunity: { id: string } } };
    expect(payload).toMatchObject({ type: "opportunity.created", data: { opportunity: { id: deal.id } } });
  }
  await row.getByRole("link", { name: "Deliveries" }).click();
  await expect(page.getByRole("heading", { name: "Deliveries", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "opportunity.created" })).toBeVisible();
  await expect(page.getByText("Delivered", { exact: true }).first()).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("link", { name: "Back to the integrations" }).click();

  await row.getByRole("button", { name: `Pause ${url}` }).click();
  await expect(row.getByRole("button", { name: `Enable ${url}` })).toBeVisible();
  await row.getByRole("button", { name: `Delete ${url}` }).click();
  await page.getByRole("dialog", { name: "Delete the endpoint?" }).getByRole("button", { name: "Delete the endpoint" }).click();
  await expect(page.getByRole("heading", { name: url })).toHaveCount(0);
});

test("the demo admin changes the embed's origins, refused for a bad one, and sends a Slack test message the receiver gets", async ({
  page,
  request,
}) => {
  await signIn(page, ADMIN, "/admin/integrations");
  const origins = page.getByRole("form", { name: "Embed origins" });
  const box = origins.getByLabel("Origins that may frame the embed");
  await expect(box).toHaveValue(EMBED_PARENT_ORIGIN);
  await box.fill(`${EMBED_PARENT_ORIGIN}\nhttps://acme.lightning.force.com/path`);
  await origins.getByRole("button", { name: "Save the origins" }).click();
  await expect(origins.getByRole("alert")).toContainText('"https://acme.lightning.force.com/path"');
  await box.fill(`${EMBED_PARENT_ORIGIN}\nhttps://acme.lightning.force.com`);
  await origins.getByRole("button", { name: "Save the origins" }).click();
  await expect(origins.getByText("Saved: 2 origins may frame the embed")).toBeVisible();
  // Back to the one the embed spec's page is served from.
  await box.fill(EMBED_PARENT_ORIGIN);
  await origins.getByRole("button", { name: "Save the origins" }).click();
  await expect(origins.getByText("Saved: 1 origin may frame the embed")).toBeVisible();

  const before = (await received(request)).slack.length;
  await page.getByRole("button", { name: "Send a test message" }).click();
  await expect(page.getByText(/Queued to the channel of SLACK_WEBHOOK_URL/)).toBeVisible();
  await expect
    .poll(async () => (await received(request)).slack.slice(before).some((s) => s.body.text?.startsWith("Test message from Stageline")), {
      timeout: 30_000,
    })
    .toBe(true);
});

test("a manager has no admin console: the integrations page is not found", async ({ page }) => {
  await signIn(page, MANAGER);
  const res = await page.goto("/admin/integrations");
  expect(res?.status()).toBe(404);
});
