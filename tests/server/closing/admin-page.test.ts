// The closing's admin page: its model (the settings and the won deals to preview with), the live
// preview filled from a real won deal as the checklist would send it (or a sample deal when none is
// won), and each form's save: valid, every kind of problem by field, and refused to all but admins.
import { beforeAll, describe, expect, test, vi } from "vitest";
import {
  previewTemplatesAction,
  saveCadenceAction,
  saveLossCategoriesAction,
  saveSlackTemplateAction,
  saveWelcomeTemplateAction,
} from "@/app/admin/closing/actions";
import { DEFAULT_SLACK_TEMPLATE, DEFAULT_WELCOME_TEMPLATE } from "@/src/domain/closing/templates";
import type { ActionResult } from "@/src/http/action-result";
import { getClosingAdminPage, SAMPLE_CONTACT } from "@/src/server/closing/admin-page";
import { getClosingSettings } from "@/src/server/closing/closing-settings";
import { database, db } from "@/src/server/db";
import { signInAs, signOut } from "../../support/action-session";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ refresh: () => undefined }));

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const settings = () => getClosingSettings(database().sql);
const fields = (r: ActionResult<unknown>) => (r.ok ? [] : ((r.error.details as { fields?: { field: string; message: string }[] })?.fields ?? []));
const fieldNames = (r: ActionResult<unknown>) => fields(r).map((f) => f.field);

async function wonDeal(name: string, closedAt: Date, contact?: { name: string; email: string }) {
  const id = await insertDeal(org.rep.id, {
    name,
    accountName: `${name} & Co <b>`,
    amount: 120_000,
    closeDate: "2026-11-30",
    stage: "closed_won",
    status: "won",
    closedAt,
  });
  await db().opportunity.update({ where: { id }, data: { whyWon: "Best fit", createdAt: new Date(closedAt.getTime() - 30 * 86_400_000) } });
  if (contact) await db().opportunityContact.create({ data: { opportunityId: id, role: "customer_contact", ...contact } });
  return id;
}

describe("the preview", () => {
  test("with no won deal, a sample deal fills it, and says so", async () => {
    await signInAs(org.admin);
    const result = await previewTemplatesAction({ slackTemplate: { text: "{{deal}} for {{amount}} by {{owner}}" } });
    expect(result).toMatchObject({ ok: true, data: { deal: null, contact: { name: SAMPLE_CONTACT, sample: true } } });
    if (!result.ok) return;
    expect(result.data.slack?.value?.text).toBe(`Northwind Platform Rollout for $48,000.00 by ${(await actorOf(org.admin)).name}`);
  });

  test("the latest won deal by default, or the one chosen, as the checklist fills it: escaped for Slack and HTML", async () => {
    const older = await wonDeal("Older Win", new Date("2026-10-01T12:00:00Z"));
    const latest = await wonDeal("Latest Win", new Date("2026-11-20T12:00:00Z"), { name: "Casey Customer", email: "casey@example.com" });
    await signInAs(org.admin);
    const result = await previewTemplatesAction({
      slackTemplate: { text: "*{{deal}}* with {{account}}: {{amount}}, {{daysInPipeline}} days. {{whyWon}}" },
      welcomeTemplate: { subject: "Welcome,\n{{account}}", text: "Hi {{contact}} from {{owner}}", html: "<p>Hi {{contact}} of {{account}}</p>" },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.deal).toEqual({ id: latest, name: "Latest Win" });
    expect(result.data.contact).toEqual({ name: "Casey Customer", email: "casey@example.com", sample: false });
    expect(result.data.slack).toMatchObject({
      problems: [],
      value: { text: "*Latest Win* with Latest Win &amp; Co &lt;b&gt;: $120,000.00, 30 days. Best fit" },
    });
    expect(result.data.welcome).toEqual({
      subject: { problems: [], value: "Welcome, Latest Win & Co <b>" },
      text: { problems: [], value: `Hi Casey Customer from ${(await actorOf(org.rep)).name}` },
      html: { problems: [], value: "<p>Hi Casey Customer of Latest Win &amp; Co &lt;b&gt;</p>" },
    });
    const chosen = await previewTemplatesAction({ dealId: older, welcomeTemplate: DEFAULT_WELCOME_TEMPLATE });
    expect(chosen).toMatchObject({ ok: true, data: { deal: { id: older, name: "Older Win" }, contact: { name: SAMPLE_CONTACT, sample: true } } });
  });

  test("a part with problems is not filled: its problems are given, the other parts still are", async () => {
    await signInAs(org.admin);
    const result = await previewTemplatesAction({
      slackTemplate: { text: "{{deal}} {{contact}}" },
      welcomeTemplate: { subject: "Hi {{account", text: "", html: "<p>{{contact}}</p>" },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.slack).toEqual({ problems: [expect.stringContaining("{{contact}} is not a placeholder here")], value: null });
    expect(result.data.welcome?.subject).toEqual({ problems: [expect.stringContaining("cannot be read")], value: null });
    expect(result.data.welcome?.text).toEqual({ problems: ["required"], value: null });
    expect(result.data.welcome?.html).toEqual({ problems: [], value: "<p>Casey Customer</p>" });
  });

  test("a deal that is not won, or does not exist, is NOT_FOUND", async () => {
    const open = await insertDeal(org.rep.id, { name: "Still Open", amount: 10, closeDate: "2026-12-01", stage: "qualify" });
    await signInAs(org.admin);
    for (const dealId of [open, "no-such-deal"])
      expect(await previewTemplatesAction({ dealId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  test("only admins may preview", async () => {
    for (const who of [org.rep, org.manager, org.finance]) {
      await signInAs(who);
      expect(await previewTemplatesAction({ slackTemplate: DEFAULT_SLACK_TEMPLATE })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
  });
});

describe("the page's model", () => {
  test("the settings with their placeholders and the won deals, latest first", async () => {
    const page = await getClosingAdminPage(await actorOf(org.admin));
    expect(page.settings.placeholders.slack).toHaveProperty("whyWon");
    expect(page.wonDeals.map((d) => d.name)).toEqual(["Latest Win", "Older Win"]);
    for (const who of [org.rep, org.manager, org.finance])
      await expect(getClosingAdminPage(await actorOf(who))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("saving the templates", () => {
  test("an admin saves the #wins template and the welcome e-mail, each alone", async () => {
    await signInAs(org.admin);
    expect(await saveSlackTemplateAction({ slackTemplate: { text: ":tada: {{deal}} by {{owner}}" } })).toEqual({
      ok: true,
      data: { slackTemplate: { text: ":tada: {{deal}} by {{owner}}" } },
    });
    const welcome = { subject: "Hello {{account}}", text: "Hi {{contact}}", html: "<p>Hi {{contact}}</p>" };
    expect(await saveWelcomeTemplateAction({ welcomeTemplate: welcome })).toEqual({ ok: true, data: { welcomeTemplate: welcome } });
    expect(await settings()).toMatchObject({ slackTemplate: { text: ":tada: {{deal}} by {{owner}}" }, welcomeTemplate: welcome });
  });

  test("an unknown placeholder, a tag left open, a section, an unescaped tag and a blank part are refused by field; nothing is saved", async () => {
    await signInAs(org.admin);
    const before = await settings();
    const slack = await saveSlackTemplateAction({ slackTemplate: { text: "{{deal}} {{contact}}" } });
    expect(fields(slack)).toEqual([{ field: "slackTemplate.text", message: expect.stringContaining("{{contact}} is not a placeholder here") }]);
    const welcome = await saveWelcomeTemplateAction({
      welcomeTemplate: { subject: "Hi {{account", text: "{{#deal}}x{{/deal}}", html: "{{{contact}}}" },
    });
    expect(fieldNames(welcome)).toEqual(["welcomeTemplate.subject", "welcomeTemplate.text", "welcomeTemplate.html"]);
    const blank = await saveWelcomeTemplateAction({ welcomeTemplate: { subject: " ", text: "Hi", html: "<p>Hi</p>" } });
    expect(fields(blank)).toEqual([{ field: "welcomeTemplate.subject", message: "required" }]);
    const tooLong = await saveSlackTemplateAction({ slackTemplate: { text: "x".repeat(3001) } });
    expect(fieldNames(tooLong)).toEqual(["slackTemplate.text"]);
    const missing = await saveWelcomeTemplateAction({ welcomeTemplate: { subject: "Hi" } });
    expect(fieldNames(missing).sort()).toEqual(["welcomeTemplate.html", "welcomeTemplate.text"]);
    expect(await settings()).toEqual(before);
  });
});

describe("saving the loss categories", () => {
  test("rename in place, add, retire, bring back and order; a stored category left out is kept, retired", async () => {
    await signInAs(org.admin);
    const saved = await saveLossCategoriesAction({
      lossCategories: [
        { key: "competitor", label: "Went with a competitor" },
        { label: "Security review failed" },
        { key: "price", label: "Price", retired: true },
        { key: "timing", label: "Timing" },
      ],
    });
    expect(saved.ok).toBe(true);
    expect((await settings()).lossCategories).toEqual([
      { key: "competitor", label: "Went with a competitor", retired: false },
      { key: "security_review_failed", label: "Security review failed", retired: false },
      { key: "price", label: "Price", retired: true },
      { key: "timing", label: "Timing", retired: false },
      { key: "missing_functionality", label: "Missing functionality", retired: true },
      { key: "no_decision", label: "No decision: stayed with the status quo", retired: true },
      { key: "no_budget", label: "No budget", retired: true },
      { key: "other", label: "Other", retired: true },
    ]);
    const back = await saveLossCategoriesAction({
      lossCategories: (await settings()).lossCategories.map((c) => (c.key === "price" ? { ...c, retired: false } : c)),
    });
    expect(back.ok && back.data.lossCategories.find((c) => c.key === "price")).toEqual({ key: "price", label: "Price", retired: false });
  });

  test("a duplicate, a blank name, a key that does not exist and none in use are refused; nothing is saved", async () => {
    await signInAs(org.admin);
    const before = await settings();
    const dup = await saveLossCategoriesAction({ lossCategories: [{ key: "price", label: "Price" }, { label: "price" }] });
    expect(fields(dup)).toEqual([{ field: "lossCategories", message: '"price" is on the list twice.' }]);
    const blank = await saveLossCategoriesAction({ lossCategories: [{ key: "price", label: "  " }] });
    expect(fieldNames(blank)).toEqual(["lossCategories.0.label"]);
    const unknown = await saveLossCategoriesAction({ lossCategories: [{ key: "nope", label: "Nope" }] });
    expect(fields(unknown)).toEqual([{ field: "lossCategories", message: '"Nope": no category has the key nope.' }]);
    const none = await saveLossCategoriesAction({ lossCategories: [{ key: "price", label: "Price", retired: true }] });
    expect(fields(none)).toEqual([{ field: "lossCategories", message: "Keep at least one category in use." }]);
    const empty = await saveLossCategoriesAction({ lossCategories: [] });
    expect(fieldNames(empty)).toEqual(["lossCategories"]);
    expect(await settings()).toEqual(before);
  });
});

describe("saving the Missed Connections cadence", () => {
  test("an admin saves touches in days", async () => {
    await signInAs(org.admin);
    expect(await saveCadenceAction({ missedConnectionsCadence: [7, 21, 45, 90] })).toEqual({
      ok: true,
      data: { missedConnectionsCadence: [7, 21, 45, 90] },
    });
    expect((await settings()).missedConnectionsCadence).toEqual([7, 21, 45, 90]);
  });

  test("none, too many, out of order, out of range and not whole are refused; nothing is saved", async () => {
    await signInAs(org.admin);
    const cases: [unknown, string[]][] = [
      [[], ["Give at least one touch."]],
      [[1, 2, 3, 4, 5, 6, 7], ["At most 6 touches."]],
      [[30, 14], ["Touch 2 must come after touch 1."]],
      [
        [0, 800],
        ["Touch 1: a whole number of days from 1 to 730.", "Touch 2: a whole number of days from 1 to 730."],
      ],
    ];
    for (const [cadence, messages] of cases) {
      const result = await saveCadenceAction({ missedConnectionsCadence: cadence });
      expect(fields(result)).toEqual(messages.map((message) => ({ field: "missedConnectionsCadence", message })));
    }
    expect(fieldNames(await saveCadenceAction({ missedConnectionsCadence: [1.5] }))).toEqual(["missedConnectionsCadence.0"]);
    expect((await settings()).missedConnectionsCadence).toEqual([7, 21, 45, 90]);
  });
});

describe("everyone but admins", () => {
  test.each([
    ["a rep", () => org.rep],
    ["a manager", () => org.manager],
    ["the deal desk", () => org.finance],
  ])("%s is refused by every save, and nothing changes", async (_, who) => {
    await signInAs(who());
    const before = await settings();
    const results = [
      await saveSlackTemplateAction({ slackTemplate: { text: "{{deal}}" } }),
      await saveWelcomeTemplateAction({ welcomeTemplate: { subject: "a", text: "b", html: "c" } }),
      await saveLossCategoriesAction({ lossCategories: [{ label: "Sneaky" }] }),
      await saveCadenceAction({ missedConnectionsCadence: [1] }),
    ];
    expect(results.map((r) => (r.ok ? "ok" : r.error.code))).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
    expect(await settings()).toEqual(before);
  });

  test("signed out, the saves answer UNAUTHENTICATED", async () => {
    signOut();
    expect(await saveCadenceAction({ missedConnectionsCadence: [3] })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});
