// The demo's integrations (docs/rules/demo-data.md): its deals carry their Salesforce ids, one of
// them the id docs/embed-demo.html frames; its webhook endpoint was registered by the demo admin a
// month before the demo's day, its wins since then delivered, then paused so that the demo sends
// nothing out.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { PAYLOADS } from "@/src/server/outbox/payloads";
import { database, db } from "@/src/server/db";
import { DEMO_ADMIN, DEMO_REP } from "@/src/server/demo/demo-users";
import { EMBED_DEMO_ID, seedDemoData } from "@/src/server/demo/seed-demo";
import { DEMO_WEBHOOK } from "@/src/server/demo/seed-demo-webhook";
import { ensureDefaultProcess } from "@/src/server/process/ensure-default-process";
import { listWebhookDeliveries, listWebhooks } from "@/src/server/webhooks/endpoints";
import { webhookMessages } from "@/src/server/webhooks/events";
import { actorOf } from "../../support/board";

process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-demo-"));

const now = new Date("2026-11-15T12:00:00Z");
const monthBefore = new Date("2026-10-16T12:00:00Z");

beforeAll(async () => {
  await database().transaction((tx) => ensureDefaultProcess(tx));
  await seedDemoData(database(), { now });
});

const admin = async () => actorOf(await db().user.findUniqueOrThrow({ where: { email: DEMO_ADMIN } }));

test("the endpoint is the admin's, for the deal events a CRM sync wants, and paused with the reason and the way to enable it", async () => {
  const { items } = await listWebhooks(await admin());
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({
    url: DEMO_WEBHOOK.url,
    events: DEMO_WEBHOOK.events,
    active: false,
    disabledReason: expect.stringContaining("enable it"),
    disabledAt: now.toISOString(),
  });
  const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: items[0]!.id }, include: { createdBy: true } });
  expect(row.createdBy.email).toBe(DEMO_ADMIN);
  expect(row.createdAt).toEqual(monthBefore);
  expect(row.secret).toMatch(/^whsec_/);
});

test("the audit log has its registration and its pause, by the demo admin, its secret never written", async () => {
  const [endpoint] = (await listWebhooks(await admin())).items;
  const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint!.id } });
  const entries = await db().auditEntry.findMany({ where: { objectId: endpoint!.id }, orderBy: { at: "asc" } });
  expect(entries.map((e) => [e.action, e.actorEmail, e.at])).toEqual([
    ["webhook.created", DEMO_ADMIN, monthBefore],
    ["webhook.updated", DEMO_ADMIN, now],
  ]);
  expect(entries[1]).toMatchObject({ before: { active: true }, after: { active: false, disabledReason: DEMO_WEBHOOK.disabledReason } });
  expect(JSON.stringify(entries)).not.toContain(row.secret);
});

test("each win since it was registered was delivered to it once, as the move queued it, with its one successful try", async () => {
  const [endpoint] = (await listWebhooks(await admin())).items;
  const { items } = await listWebhookDeliveries(await admin(), endpoint!.id, { limit: 100 });
  const wins = await db().historyEntry.findMany({
    where: { toStage: "closed_won", at: { gte: monthBefore, lte: now }, opportunity: { status: "won" } },
  });
  expect(wins.length).toBeGreaterThan(0);
  expect(items.map((m) => m.opportunityId).sort()).toEqual(wins.map((w) => w.opportunityId).sort());
  for (const message of items) {
    expect(message).toMatchObject({ channel: "webhook", status: "delivered", attempts: 1 });
    expect(message.recentAttempts).toEqual([expect.objectContaining({ status: "delivered", responseCode: 200 })]);
    const payload = PAYLOADS.webhook.parse(message.payload);
    expect(payload).toMatchObject({ url: DEMO_WEBHOOK.url, type: "opportunity.closed_won", endpointId: endpoint!.id });
    expect(payload.data).toMatchObject({ toStage: "closed_won", opportunity: { id: message.opportunityId, status: "won", stage: "closed_won" } });
  }
});

test("paused, it is sent nothing: a new win queues no message for it", async () => {
  const deal = await db().opportunity.findFirstOrThrow({ where: { status: "won" } });
  const queued = await database().transaction((tx) => webhookMessages(tx, [{ type: "opportunity.closed_won", id: `${deal.id}.test`, data: {} }]));
  expect(queued).toEqual([]);
});

test("every demo deal carries its own Salesforce id, and the demo rep's open deal the one docs/embed-demo.html frames", async () => {
  const deals = await db().opportunity.findMany({ include: { owner: true } });
  expect(deals.every((d) => d.externalSource === "salesforce" && /^0065g00000[A-Za-z0-9]{8}$/.test(d.externalId ?? ""))).toBe(true);
  expect(new Set(deals.map((d) => d.externalId)).size).toBe(deals.length);
  const framed = deals.find((d) => d.externalId === EMBED_DEMO_ID);
  expect(framed).toMatchObject({ status: "open", owner: { email: DEMO_REP } });
  expect(fs.readFileSync("docs/embed-demo.html", "utf8")).toContain(`/embed/by-external/salesforce/${EMBED_DEMO_ID}`);
});
