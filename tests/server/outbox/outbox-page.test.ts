// The admin's outbox page: its model (a page of messages through the API's list, the counts for its
// status tabs, the deals' names and the deal filter's choices) and its retry action, which answers
// as the API does and refuses everyone but admins.
import { beforeAll, describe, expect, test, vi } from "vitest";
import { retryOutboxAction } from "@/app/admin/outbox/actions";
import { parseOutboxFilters } from "@/app/admin/outbox/filters";
import { database } from "@/src/server/db";
import { getOutboxPage, messageSummary } from "@/src/server/outbox/outbox-page";
import { signInAs, signOut } from "../../support/action-session";
import { actorOf, insertDeal } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg } from "../../support/fixtures";
import { enqueue, outboxRows } from "../../support/outbox";

vi.mock("next/headers", async () => (await import("../../support/action-session")).nextHeaders);
vi.mock("next/cache", () => ({ refresh: () => undefined }));

let org: Awaited<ReturnType<typeof createOrg>>;
let dealId: string;
const setStatus = (key: string, status: "failed" | "not_configured" | "delivered", lastError: string | null = null) =>
  database().sql.updateTable("OutboxMessage").set({ status, lastError }).where("idempotencyKey", "=", key).execute();
const idOf = async (key: string) => (await outboxRows()).find((r) => r.idempotencyKey === key)!.id;

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  dealId = await insertDeal(org.rep.id, { name: "Outbox Page Deal", amount: 5000, closeDate: "2026-12-01", stage: "qualify" });
  await enqueue(
    { channel: "slack", payload: { text: "Won:\n*Outbox Page Deal*" }, idempotencyKey: "pg:slack", opportunityId: dealId },
    {
      channel: "email",
      payload: { to: ["c@example.com"], subject: "Welcome aboard", text: "Hi" },
      idempotencyKey: "pg:email",
      opportunityId: dealId,
    },
    { channel: "webhook", payload: { url: "http://127.0.0.1:9/", type: "opportunity.closed_won", data: {} }, idempotencyKey: "pg:webhook" },
  );
  await setStatus("pg:slack", "failed", "HTTP 500: down");
  await setStatus("pg:email", "not_configured", "SMTP_URL is not set");
  await setStatus("pg:webhook", "delivered");
});

describe("the page's model", () => {
  test("every message with its deal's name, the counts by status and the deals to filter by", async () => {
    const page = await getOutboxPage(await actorOf(org.admin), { limit: 25 });
    expect(page.items.map((m) => m.idempotencyKey).sort()).toEqual(["pg:email", "pg:slack", "pg:webhook"]);
    expect(page.counts).toEqual({ pending: 0, sending: 0, delivered: 1, failed: 1, not_configured: 1 });
    expect(page.deals).toEqual({ [dealId]: { id: dealId, name: "Outbox Page Deal" } });
    expect(page.dealChoices).toEqual([{ id: dealId, name: "Outbox Page Deal" }]);
    expect(page.nextCursor).toBeNull();
  });

  test("the counts follow the channel and deal filters, the list the status too", async () => {
    const admin = await actorOf(org.admin);
    const slack = await getOutboxPage(admin, { channel: "slack", limit: 25 });
    expect(slack.counts).toEqual({ pending: 0, sending: 0, delivered: 0, failed: 1, not_configured: 0 });
    const forDeal = await getOutboxPage(admin, { opportunityId: dealId, status: "not_configured", limit: 25 });
    expect(forDeal.items.map((m) => m.idempotencyKey)).toEqual(["pg:email"]);
    expect(forDeal.counts).toEqual({ pending: 0, sending: 0, delivered: 0, failed: 1, not_configured: 1 });
  });

  test("a message in a line: the subject, the Slack text on one line, the webhook's event", async () => {
    const { items } = await getOutboxPage(await actorOf(org.admin), { limit: 25 });
    const summaries = Object.fromEntries(items.map((m) => [m.idempotencyKey, messageSummary(m)]));
    expect(summaries).toEqual({ "pg:slack": "Won: *Outbox Page Deal*", "pg:email": "Welcome aboard", "pg:webhook": "opportunity.closed_won" });
    expect(messageSummary({ channel: "email", payload: { subject: "Hand-off", calendar: { method: "REQUEST" } } })).toBe(
      "Hand-off (calendar invitation)",
    );
  });

  test("only for admins", async () => {
    for (const who of [org.rep, org.manager, org.finance])
      await expect(getOutboxPage(await actorOf(who), { limit: 25 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("the address: unknown tabs, channels, deals and cursors are ignored", () => {
    expect(parseOutboxFilters({ status: "failed", channel: "email", deal: "abc_1" })).toEqual({
      status: "failed",
      channel: "email",
      deal: "abc_1",
      cursor: undefined,
    });
    expect(parseOutboxFilters({ status: "sent", channel: "fax", deal: "no such deal!", cursor: "bm9wZQ" })).toEqual({
      status: undefined,
      channel: undefined,
      deal: undefined,
      cursor: undefined,
    });
  });
});

describe("retry", () => {
  test.each([
    ["a rep", () => org.rep],
    ["a manager", () => org.manager],
    ["the deal desk", () => org.finance],
  ])("%s is refused, and the message stays failed", async (_, who) => {
    await signInAs(who());
    expect(await retryOutboxAction({ id: await idOf("pg:slack") })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await outboxRows()).find((r) => r.idempotencyKey === "pg:slack")?.status).toBe("failed");
  });

  test("signed out, it answers UNAUTHENTICATED", async () => {
    signOut();
    expect(await retryOutboxAction({ id: await idOf("pg:slack") })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  test("an admin retries a failed and a not configured message: pending again, tries counted afresh", async () => {
    await signInAs(org.admin);
    for (const key of ["pg:slack", "pg:email"]) {
      const id = await idOf(key);
      expect(await retryOutboxAction({ id })).toEqual({ ok: true, data: { id, status: "pending" } });
      expect((await outboxRows()).find((r) => r.id === id)).toMatchObject({ status: "pending", attempts: 0 });
    }
  });

  test("a delivered message is a CONFLICT with its status, an unknown one NOT_FOUND, no id a field problem", async () => {
    await signInAs(org.admin);
    expect(await retryOutboxAction({ id: await idOf("pg:webhook") })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", details: { status: "delivered" } },
    });
    expect(await retryOutboxAction({ id: "no-such-message" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await retryOutboxAction({})).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", details: { fields: [{ field: "id" }] } } });
  });
});
