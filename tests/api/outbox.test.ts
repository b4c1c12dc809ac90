// The admin's outbox endpoints: GET /api/v1/outbox?status= lists messages with their latest tries, and
// POST /api/v1/outbox/{id}/retry sends a failed or not configured one again. Other roles are refused.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as list from "@/app/api/v1/outbox/route";
import * as retry from "@/app/api/v1/outbox/[id]/retry/route";
import { database } from "@/src/server/db";
import { enqueueMessage, type NewOutboxMessage } from "@/src/server/outbox/enqueue-message";
import { startOutboxWorker } from "@/src/server/outbox/outbox-worker";
import { sendersFromEnv } from "@/src/server/outbox/senders/senders-from-env";
import { insertDeal } from "../support/board";
import { ensureDefaults } from "../support/deals";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { enqueue, FAST, outboxRows, waitFor, webhook } from "../support/outbox";
import { startHttpReceiver, type HttpReceiver } from "../support/receivers";

let org: Awaited<ReturnType<typeof createOrg>>;
let http: HttpReceiver;
let failedId: string;

beforeAll(async () => {
  org = await createOrg();
  http = await startHttpReceiver();
  // One message refused by its receiver (failed), one for a channel with no configuration, one delivered.
  http.failWith = 422;
  await enqueue(webhook(1, http.url(), "api:refused"), { channel: "slack", payload: { text: "Won" }, idempotencyKey: "api:slack" });
  const worker = startOutboxWorker({ database: database(), senders: sendersFromEnv({}, 2_000), config: FAST });
  await waitFor(outboxRows, (rows) => rows.every((r) => r.status === "failed" || r.status === "not_configured"));
  http.failWith = null;
  await enqueue(webhook(2, http.url(), "api:delivered"));
  await waitFor(outboxRows, (rows) => rows.some((r) => r.idempotencyKey === "api:delivered" && r.status === "delivered"));
  await worker.stop();
  failedId = (await outboxRows()).find((r) => r.idempotencyKey === "api:refused")!.id;
});
afterAll(() => http.down());

describe("GET /outbox", () => {
  test("an admin sees the failed messages with their tries", async () => {
    const res = await call(list.GET, { token: org.admin.token, path: "/api/v1/outbox?status=failed" });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: failedId,
        channel: "webhook",
        status: "failed",
        idempotencyKey: "api:refused",
        attempts: 1,
        lastError: "HTTP 422: not now",
        deliveredAt: null,
        recentAttempts: [expect.objectContaining({ status: "failed", responseCode: 422, error: "HTTP 422: not now" })],
      }),
    ]);
  });

  test("without a status, every message, newest first; with one, only those", async () => {
    const all = await call(list.GET, { token: org.admin.token, path: "/api/v1/outbox" });
    const keys = all.body.items.map((m: { idempotencyKey: string }) => m.idempotencyKey);
    expect(keys[0]).toBe("api:delivered");
    expect([...keys].sort()).toEqual(["api:delivered", "api:refused", "api:slack"]);
    const notConfigured = await call(list.GET, { token: org.admin.token, path: "/api/v1/outbox?status=not_configured" });
    expect(notConfigured.body.items.map((m: { idempotencyKey: string }) => m.idempotencyKey)).toEqual(["api:slack"]);
  });

  test("an unknown status is a 400 naming the field", async () => {
    const res = await call(list.GET, { token: org.admin.token, path: "/api/v1/outbox?status=sent" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["query.status"]);
  });
});

describe("POST /outbox/{id}/retry", () => {
  test("an admin's retry makes a failed message pending again, and the worker delivers it", async () => {
    const res = await call(retry.POST, { token: org.admin.token, params: { id: failedId } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: failedId, status: "pending", attempts: 0 });
    const worker = startOutboxWorker({ database: database(), senders: sendersFromEnv({}, 2_000), config: FAST });
    await waitFor(outboxRows, (rows) => rows.some((r) => r.id === failedId && r.status === "delivered"));
    await worker.stop();
  });

  test("a delivered message cannot be retried (409), an unknown one is 404", async () => {
    const delivered = (await outboxRows()).find((r) => r.idempotencyKey === "api:delivered")!;
    const conflict = await call(retry.POST, { token: org.admin.token, params: { id: delivered.id } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: "CONFLICT", details: { status: "delivered" } });
    const missing = await call(retry.POST, { token: org.admin.token, params: { id: "no-such-message" } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NOT_FOUND");
  });
});

describe("every other role is refused", () => {
  for (const who of ["rep", "manager", "finance"] as const) {
    test(`${who}: GET /outbox and POST /outbox/{id}/retry are 403`, async () => {
      const token = org[who].token;
      for (const res of [await call(list.GET, { token }), await call(retry.POST, { token, params: { id: failedId } })]) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("FORBIDDEN");
      }
    });
  }

  test("without credentials they are 401", async () => {
    expect((await call(list.GET)).status).toBe(401);
    expect((await call(retry.POST, { params: { id: failedId } })).status).toBe(401);
  });
});

describe("GET /outbox filters by channel and deal, and pages", () => {
  let dealId: string;
  beforeAll(async () => {
    await ensureDefaults();
    dealId = await insertDeal(org.rep.id, { name: "Filtered Deal", amount: 1000, closeDate: "2026-12-01", stage: "qualify" });
    // Five Slack messages for the deal, then an e-mail for it and a webhook for no deal (all pending: no worker runs),
    // a second apart: the list is newest first, and two messages of one millisecond may come in either order.
    const second = (n: number) => new Date(Date.UTC(2026, 10, 2, 9, 0, n));
    const messages: NewOutboxMessage[] = [
      ...[1, 2, 3, 4, 5].map((n) => ({
        channel: "slack" as const,
        payload: { text: `Deal ${n}` },
        idempotencyKey: `page:${n}`,
        opportunityId: dealId,
      })),
      { channel: "email", payload: { to: ["a@example.com"], subject: "Hi", text: "Hi" }, idempotencyKey: "page:email", opportunityId: dealId },
      webhook(9, http.url(), "page:webhook"),
    ];
    await database().transaction(async (tx) => {
      for (const [i, message] of messages.entries()) await enqueueMessage(tx, message, second(i));
    });
  });
  const keys = (res: { body: { items: { idempotencyKey: string }[] } }) => res.body.items.map((m) => m.idempotencyKey);

  test("by channel, by deal, and both with a status", async () => {
    const slack = await call(list.GET, { token: org.admin.token, path: `/api/v1/outbox?channel=slack&opportunityId=${dealId}` });
    expect(keys(slack)).toEqual(["page:5", "page:4", "page:3", "page:2", "page:1"]);
    const forDeal = await call(list.GET, { token: org.admin.token, path: `/api/v1/outbox?opportunityId=${dealId}` });
    expect(keys(forDeal)).toEqual(["page:email", "page:5", "page:4", "page:3", "page:2", "page:1"]);
    const email = await call(list.GET, { token: org.admin.token, path: "/api/v1/outbox?channel=email" });
    expect(keys(email)).toEqual(["page:email"]);
    const none = await call(list.GET, { token: org.admin.token, path: `/api/v1/outbox?opportunityId=${dealId}&status=delivered` });
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  test("pages of `limit`, each next page from the previous one's cursor, until it is null", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/outbox?opportunityId=${dealId}&limit=4${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await call(list.GET, { token: org.admin.token, path });
      expect(res.status).toBe(200);
      seen.push(...keys(res));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(["page:email", "page:5", "page:4", "page:3", "page:2", "page:1"]);
  });

  test("an unknown channel and a cursor not from the API are 400s naming the field", async () => {
    const channel = await call(list.GET, { token: org.admin.token, path: "/api/v1/outbox?channel=fax" });
    expect(channel.status).toBe(400);
    expect(channel.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["query.channel"]);
    const cursor = await call(list.GET, { token: org.admin.token, path: "/api/v1/outbox?cursor=bm9wZQ" });
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["query.cursor"]);
  });
});
