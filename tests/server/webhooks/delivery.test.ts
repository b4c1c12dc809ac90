// Webhook deliveries end to end (docs/webhooks.md): changes made through the API queue their events,
// the outbox worker delivers them to a real local HTTP receiver, signed per Standard Webhooks, and the
// reference verifier (the `standardwebhooks` package) accepts them and rejects a replay older than
// five minutes. Also: retries after the receiver was down, the rotation window, the URL rules at
// delivery, and an endpoint disabled after failing for days (the sender's clock is injected).
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import * as decisions from "@/app/api/v1/approval-requests/[id]/decisions/route";
import * as submit from "@/app/api/v1/opportunities/[id]/approval-requests/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as transitions from "@/app/api/v1/opportunities/[id]/transitions/route";
import { database } from "@/src/server/db";
import { type OutboxWorker, startOutboxWorker } from "@/src/server/outbox/outbox-worker";
import { sendersFromEnv } from "@/src/server/outbox/senders/senders-from-env";
import { webhookSender } from "@/src/server/outbox/senders/webhook-sender";
import { createWebhook, deleteWebhook, rotateWebhookSecret } from "@/src/server/webhooks/endpoints";
import { saveAllowPrivateAddresses, type WebhooksConfig } from "@/src/server/webhooks/webhook-settings";
import { actorOf } from "../../support/board";
import { createDeal, currentVersion, ensureDefaults, satisfyStages } from "../../support/deals";
import { createOrg, createUser } from "../../support/fixtures";
import { call } from "../../support/http";
import { FAST, waitFor } from "../../support/outbox";
import { type HttpReceiver, type HttpRequestSeen, startHttpReceiver } from "../../support/receivers";

const HOUR = 3_600_000;
const CONFIG: WebhooksConfig = { allowHttp: true, rotationWindowMs: 24 * HOUR, disableAfterMs: 72 * HOUR };

let org: Awaited<ReturnType<typeof createOrg>>;
let http: HttpReceiver;
let worker: OutboxWorker;
/** How far the sender's clock is ahead of the real one. */
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const saved = { ...process.env };

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_HTTP = "1";
  await ensureDefaults();
  org = await createOrg();
  http = await startHttpReceiver();
  const senders = { ...sendersFromEnv({}, FAST.sendTimeoutMs), webhook: webhookSender({ config: CONFIG, clock }) };
  worker = startOutboxWorker({ database: database(), senders, config: FAST });
});
afterEach(() => {
  offsetMs = 0;
  vi.useRealTimers();
});
afterAll(async () => {
  await worker.stop();
  await http.down();
  process.env = saved;
});

const admin = () => actorOf(org.admin);
const register = async (events: string[], url = http.url("/hooks")) =>
  createWebhook(await admin(), { url, events: events as never, description: "" }, { config: CONFIG });
const move = async (id: string, body: Record<string, unknown>, token = org.rep.token) => {
  const res = await call(transitions.POST, { token, params: { id }, body: { version: await currentVersion(id), ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

/** A deal of the rep's moved from identify to qualify: one opportunity.stage_changed. */
async function movedDeal(name: string) {
  const deal = await createDeal(org.rep.token, { name });
  await satisfyStages(deal.id, ["identify"], org.rep.id);
  await move(deal.id, { toStage: "qualify" });
  return deal.id;
}

/** A request of this event for this deal, sent to this endpoint (its id is in the webhook-id). */
const received = (type: string, dealId: string, endpointId: string) => (r: HttpRequestSeen) =>
  r.body?.type === type && r.body?.data?.opportunity?.id === dealId && String(r.headers["webhook-id"]).startsWith(`webhook:${endpointId}:`);
const waitForRequest = (match: (r: HttpRequestSeen) => boolean) =>
  waitFor(
    async () => http.requests.filter(match),
    (seen) => seen.length > 0,
  ).then((seen) => seen[0]!);

const messagesFor = (endpointId: string) =>
  database().sql.selectFrom("OutboxMessage").selectAll().where("webhookEndpointId", "=", endpointId).orderBy("createdAt").execute();

/** Verifies as a receiver would, at `at` (its own clock). */
function verifyAt(secret: string, request: HttpRequestSeen, at = new Date()) {
  vi.useFakeTimers({ toFake: ["Date"], now: at });
  try {
    return new Webhook(secret).verify(request.raw, request.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}

describe("a stage move", () => {
  let secret: string;
  let hookId: string;
  let request: HttpRequestSeen;
  let dealId: string;

  beforeAll(async () => {
    const hook = await register(["opportunity.stage_changed"]);
    secret = hook.secret;
    hookId = hook.id;
    dealId = await movedDeal("Signed move");
    request = await waitForRequest(received("opportunity.stage_changed", dealId, hookId));
  });

  test("is delivered with the Standard Webhooks headers and the documented body", async () => {
    const [message] = await database()
      .sql.selectFrom("OutboxMessage")
      .selectAll()
      .where("opportunityId", "=", dealId)
      .where("webhookEndpointId", "=", hookId)
      .execute();
    expect(request.headers["webhook-id"]).toBe(message!.idempotencyKey);
    expect(request.headers["idempotency-key"]).toBe(message!.idempotencyKey);
    expect(message!.idempotencyKey).toMatch(new RegExp(`^webhook:${message!.webhookEndpointId}:${dealId}\\.v2\\.stage_changed$`));
    expect(Math.abs(Number(request.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(30);
    expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toEqual({
      type: "opportunity.stage_changed",
      timestamp: message!.createdAt.toISOString(),
      data: {
        opportunity: {
          id: dealId,
          name: "Signed move",
          accountName: "Northwind Traders",
          amount: 48000,
          currency: "USD",
          closeDate: "2027-03-31",
          stage: "qualify",
          status: "open",
          ownerId: org.rep.id,
          externalSource: null,
          externalId: null,
          version: 2,
        },
        fromStage: "identify",
        toStage: "qualify",
        changedBy: org.rep.id,
        at: expect.any(String),
      },
    });
  });

  test("is accepted by the reference verifier (standardwebhooks' Webhook.verify) with the endpoint's secret", () => {
    expect(verifyAt(secret, request)).toEqual(request.body);
  });

  test("is refused by it with another secret, or with a changed body", () => {
    expect(() => verifyAt("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", request)).toThrow(WebhookVerificationError);
    expect(() => verifyAt(secret, { ...request, raw: request.raw.replace('"qualify"', '"propose"') })).toThrow("No matching signature found");
  });

  test("replayed more than five minutes later, it is rejected as too old", () => {
    const later = new Date(Number(request.headers["webhook-timestamp"]) * 1000 + 5 * 60_000 + 10_000);
    expect(() => verifyAt(secret, request, later)).toThrow("Message timestamp too old");
    // Within the five minutes it still verifies.
    expect(verifyAt(secret, request, new Date(later.getTime() - 20_000))).toEqual(request.body);
  });

  test("a request signed more than five minutes ago (a sender's clock behind) is rejected", async () => {
    offsetMs = -6 * 60_000;
    const late = await movedDeal("Late clock");
    const stale = await waitForRequest(received("opportunity.stage_changed", late, hookId));
    expect(() => verifyAt(secret, stale)).toThrow("Message timestamp too old");
  });
});

describe("the other events", () => {
  let secret: string;
  let hookId: string;
  beforeAll(async () => {
    const hook = await register(["opportunity.created", "opportunity.closed_won", "opportunity.closed_lost", "approval.decided", "approval.stale"]);
    secret = hook.secret;
    hookId = hook.id;
  });

  test("opportunity.created, with the new deal", async () => {
    const deal = await createDeal(org.rep.token, { name: "Brand new" });
    const request = await waitForRequest(received("opportunity.created", deal.id, hookId));
    expect(verifyAt(secret, request)).toMatchObject({
      type: "opportunity.created",
      data: { opportunity: { id: deal.id, name: "Brand new", stage: "identify", status: "open", version: 1 } },
    });
  });

  test("opportunity.closed_won, with why it was won; no stage_changed to an endpoint not subscribed to it", async () => {
    const deal = await createDeal(org.rep.token, { name: "Winner" });
    const order = ["identify", "qualify", "propose", "negotiate", "finalize"];
    await satisfyStages(deal.id, order, org.rep.id);
    for (const stage of order.slice(1)) await move(deal.id, { toStage: stage });
    await move(deal.id, { toStage: "closed_won", won: { whyWon: "Best integration story" } });
    const request = await waitForRequest(received("opportunity.closed_won", deal.id, hookId));
    expect(verifyAt(secret, request)).toMatchObject({
      data: {
        opportunity: { id: deal.id, stage: "closed_won", status: "won" },
        fromStage: "finalize",
        toStage: "closed_won",
        whyWon: "Best integration story",
      },
    });
    expect(http.requests.filter(received("opportunity.stage_changed", deal.id, hookId))).toEqual([]);
  });

  test("opportunity.closed_lost, with the loss", async () => {
    const deal = await createDeal(org.rep.token, { name: "Loser" });
    await satisfyStages(deal.id, ["identify"], org.rep.id);
    await move(deal.id, { toStage: "qualify" });
    const lost = { reasonCategory: "price", explanation: "Budget cut", competitor: "Acme CRM", missingFunctionality: "none" };
    await move(deal.id, { toStage: "closed_lost", lost });
    const request = await waitForRequest(received("opportunity.closed_lost", deal.id, hookId));
    expect(verifyAt(secret, request)).toMatchObject({ data: { opportunity: { id: deal.id, status: "lost" }, lost } });
  });

  test("approval.decided, then approval.stale when a covered term changes", async () => {
    const deal = await createDeal(org.rep.token, { name: "Discounted", discountPercent: 20 });
    const submitted = await call(submit.POST, { token: org.rep.token, params: { id: deal.id }, body: { justification: "Strategic logo" } });
    expect(submitted.status).toBe(201);
    const requestId = submitted.body.id;
    const decided = await call(decisions.POST, {
      token: org.manager.token,
      params: { id: requestId },
      body: { decision: "approve", comment: "Fine" },
    });
    expect(decided.status).toBe(201);
    const decision = await waitForRequest(received("approval.decided", deal.id, hookId));
    expect(verifyAt(secret, decision)).toMatchObject({
      data: {
        approvalRequest: { id: requestId, status: "approved" },
        decision: { decision: "approve", comment: "Fine", decidedBy: org.manager.id },
      },
    });
    const patched = await call(one.PATCH, {
      token: org.rep.token,
      method: "PATCH",
      params: { id: deal.id },
      body: { version: await currentVersion(deal.id), discountPercent: 25 },
    });
    expect(patched.status).toBe(200);
    const stale = await waitForRequest(received("approval.stale", deal.id, hookId));
    expect(verifyAt(secret, stale)).toMatchObject({
      data: {
        opportunity: { id: deal.id },
        approvalRequest: { id: requestId, status: "stale", was: "approved" },
        changedTerms: [{ term: "discount_percent", from: 20, to: 25 }],
      },
    });
  });
});

test("the receiver down, then up: the event arrives once, after failed tries, each recorded", async () => {
  const hook = await register(["opportunity.stage_changed"]);
  await http.down();
  let dealId = "";
  try {
    dealId = await movedDeal("Outage");
    // Two failed tries recorded, not only claimed: a message's count of tries goes up when a worker
    // claims it, so the second try could still be on its way and meet the receiver back up.
    await waitFor(
      () =>
        database()
          .sql.selectFrom("OutboxAttempt")
          .innerJoin("OutboxMessage", "OutboxMessage.id", "OutboxAttempt.messageId")
          .select("OutboxAttempt.status")
          .where("OutboxMessage.webhookEndpointId", "=", hook.id)
          .execute(),
      (rows) => rows.filter((a) => a.status === "failed").length >= 2,
    );
  } finally {
    await http.up();
  }
  const [message] = await waitFor(
    () => messagesFor(hook.id),
    (rows) => rows[0]?.status === "delivered",
  );
  const seen = http.requests.filter((r) => r.headers["webhook-id"] === message!.idempotencyKey);
  expect(seen).toHaveLength(1);
  expect(verifyAt(hook.secret, seen[0]!)).toMatchObject({ data: { opportunity: { id: dealId } } });
  const attempts = await database()
    .sql.selectFrom("OutboxAttempt")
    .select(["status", "error"])
    .where("messageId", "=", message!.id)
    .orderBy("at")
    .execute();
  expect(attempts.length).toBeGreaterThanOrEqual(3);
  expect(attempts.slice(0, -1).every((a) => a.status === "failed" && a.error)).toBe(true);
  expect(attempts.at(-1)!.status).toBe("delivered");
});

test("rotation: both secrets sign during the window, only the new one after it", async () => {
  const hook = await register(["opportunity.stage_changed"]);
  const rotated = await rotateWebhookSecret(await admin(), hook.id, { config: CONFIG });
  const during = await waitForRequest(received("opportunity.stage_changed", await movedDeal("During the window"), hook.id));
  expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
  expect(verifyAt(rotated.secret, during)).toMatchObject({ type: "opportunity.stage_changed" });
  expect(verifyAt(hook.secret, during)).toMatchObject({ type: "opportunity.stage_changed" });

  // 25 hours on, for the sender and the receiver alike.
  offsetMs = 25 * HOUR;
  const after = await waitForRequest(received("opportunity.stage_changed", await movedDeal("After the window"), hook.id));
  const at = new Date(Number(after.headers["webhook-timestamp"]) * 1000);
  expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
  expect(verifyAt(rotated.secret, after, at)).toMatchObject({ type: "opportunity.stage_changed" });
  expect(() => verifyAt(hook.secret, after, at)).toThrow("No matching signature found");
});

describe("URL rules at delivery", () => {
  const allowPrivate = (allow: boolean) => database().transaction((tx) => saveAllowPrivateAddresses(tx, allow, new Date()));

  test("a name is looked up at delivery, and delivered to when its address is allowed", async () => {
    const hook = await register(["opportunity.stage_changed"], `http://localhost:${http.port}/named`);
    const request = await waitForRequest(received("opportunity.stage_changed", await movedDeal("By name"), hook.id));
    expect(request.path).toBe("/named");
    expect(verifyAt(hook.secret, request)).toMatchObject({ type: "opportunity.stage_changed" });
  });

  test("an address that became private is refused without connecting, for good", async () => {
    await allowPrivate(true);
    // Registered while the setting allowed it; the setting is then turned off, and loopback is not
    // allowed either (no WEBHOOKS_ALLOW_HTTP) when the message is sent.
    const literal = await register(["opportunity.stage_changed"], "https://10.255.255.1/hook");
    const named = await register(["opportunity.stage_changed"], `https://localhost:${http.port}/hook`);
    await allowPrivate(false);
    CONFIG.allowHttp = false;
    let dealId = "";
    let byLiteral: { lastError: string | null; attempts: number } | undefined;
    let byName: { lastError: string | null } | undefined;
    try {
      dealId = await movedDeal("Private");
      const settled = (rows: { status: string }[]) => rows.length === 1 && rows[0]!.status === "failed";
      [byLiteral] = await waitFor(() => messagesFor(literal.id), settled);
      [byName] = await waitFor(() => messagesFor(named.id), settled);
    } finally {
      CONFIG.allowHttp = true;
    }
    expect(byLiteral!.lastError).toBe(
      "10.255.255.1 is a private, loopback or link-local address, which webhooks may not reach (docs/webhooks.md#urls).",
    );
    expect(byLiteral!.attempts).toBe(1);
    // A name is judged on the address it resolves to when the connection is made.
    expect(byName!.lastError).toMatch(/^(127\.0\.0\.1|::1) is a private, loopback or link-local address/);
    expect(http.requests.filter(received("opportunity.stage_changed", dealId, named.id))).toEqual([]);
  });
});

test("a deleted endpoint's waiting messages fail at their next try", async () => {
  const hook = await register(["opportunity.stage_changed"]);
  await http.down();
  try {
    await movedDeal("Deleted endpoint");
    const [message] = await waitFor(
      () => messagesFor(hook.id),
      (rows) => rows[0]?.attempts === 1,
    );
    await deleteWebhook(await admin(), hook.id);
    const row = await waitFor(
      () => database().sql.selectFrom("OutboxMessage").selectAll().where("id", "=", message!.id).executeTakeFirstOrThrow(),
      (m) => m.status === "failed",
    );
    expect(row.lastError).toBe("The webhook endpoint was deleted.");
    expect(row.webhookEndpointId).toBeNull();
  } finally {
    await http.up();
  }
});

describe("an endpoint failing for days", () => {
  test("is disabled once every delivery has failed for 72 hours, and its creator is told by e-mail", async () => {
    const hook = await register(["opportunity.stage_changed"]);
    const endpoint = () => database().sql.selectFrom("WebhookEndpoint").selectAll().where("id", "=", hook.id).executeTakeFirstOrThrow();
    http.failWith = 503;
    try {
      const start = Date.now();
      await movedDeal("Failing 1");
      const first = await waitFor(endpoint, (e) => e.failingSince !== null);
      expect(first.active).toBe(true);
      expect(Math.abs(first.failingSince!.getTime() - start)).toBeLessThan(30_000);

      // Two days on: still failing, still on.
      offsetMs = 48 * HOUR;
      await movedDeal("Failing 2");
      await waitFor(
        () => messagesFor(hook.id),
        (rows) => rows.length === 2 && rows[1]!.attempts >= 1,
      );
      expect((await endpoint()).active).toBe(true);

      // Three days and a bit after the first failure: disabled.
      offsetMs = 72 * HOUR + 60_000;
      const disabled = await waitFor(endpoint, (e) => !e.active);
      expect(disabled.disabledReason).toMatch(/^Every delivery failed for 72 hours \(since /);
      expect(disabled.disabledAt).not.toBeNull();
      const mails = await database()
        .sql.selectFrom("OutboxMessage")
        .selectAll()
        .where("channel", "=", "email")
        .where("idempotencyKey", "like", `webhook:${hook.id}:disabled:%`)
        .execute();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.payload).toMatchObject({ to: [org.admin.email], subject: "A webhook endpoint was disabled" });
      expect((mails[0]!.payload as { text: string }).text).toContain(http.url("/hooks"));

      // Nothing more is queued for it, and what was waiting fails for good.
      const before = (await messagesFor(hook.id)).length;
      offsetMs = 0;
      await movedDeal("After disabling");
      expect(await messagesFor(hook.id)).toHaveLength(before);
      const settled = await waitFor(
        () => messagesFor(hook.id),
        (rows) => rows.every((r) => r.status === "failed"),
      );
      expect(settled.some((r) => r.lastError?.startsWith("The webhook endpoint is disabled: Every delivery failed"))).toBe(true);
    } finally {
      http.failWith = null;
    }
  });

  test("a success in between starts the count afresh", async () => {
    const hook = await register(["opportunity.stage_changed"]);
    const endpoint = () => database().sql.selectFrom("WebhookEndpoint").selectAll().where("id", "=", hook.id).executeTakeFirstOrThrow();
    http.failWith = 503;
    try {
      await movedDeal("Flaky 1");
      await waitFor(endpoint, (e) => e.failingSince !== null);
    } finally {
      http.failWith = null;
    }
    await waitFor(endpoint, (e) => e.failingSince === null);
    http.failWith = 503;
    try {
      offsetMs = 72 * HOUR + 60_000;
      await movedDeal("Flaky 2");
      const failing = await waitFor(endpoint, (e) => e.failingSince !== null);
      expect(failing.active).toBe(true);
    } finally {
      http.failWith = null;
    }
  });

  test("registered by someone deactivated since, or no longer an admin, it is the active admins who are told", async () => {
    const [gone, demoted] = [await createUser({ role: "admin" }), await createUser({ role: "admin" })];
    const registerAs = async (user: { id: string }) =>
      createWebhook(await actorOf(user), { url: http.url("/hooks"), events: ["opportunity.stage_changed"], description: "" }, { config: CONFIG });
    const hooks = { gone: await registerAs(gone), demoted: await registerAs(demoted) };
    await database().sql.updateTable("User").set({ active: false }).where("id", "=", gone.id).execute();
    await database().sql.updateTable("User").set({ role: "rep" }).where("id", "=", demoted.id).execute();
    const endpoints = () => database().sql.selectFrom("WebhookEndpoint").selectAll().where("id", "in", [hooks.gone.id, hooks.demoted.id]).execute();
    http.failWith = 503;
    try {
      await movedDeal("Failing, creators away");
      await waitFor(endpoints, (rows) => rows.every((e) => e.failingSince !== null));
      offsetMs = 72 * HOUR + 60_000;
      await waitFor(endpoints, (rows) => rows.every((e) => !e.active));
    } finally {
      http.failWith = null;
    }
    const mailOf = (hookId: string) =>
      database()
        .sql.selectFrom("OutboxMessage")
        .selectAll()
        .where("channel", "=", "email")
        .where("idempotencyKey", "like", `webhook:${hookId}:disabled:%`)
        .execute();
    for (const [hook, user, why] of [
      [hooks.gone, gone, "is deactivated"],
      [hooks.demoted, demoted, "is no longer an admin"],
    ] as const) {
      const mails = await mailOf(hook.id);
      expect(mails).toHaveLength(1);
      // org.admin is the one active admin: the creator is not among those told.
      expect(mails[0]!.payload).toMatchObject({ to: [org.admin.email], subject: "A webhook endpoint was disabled" });
      expect((mails[0]!.payload as { text: string }).text).toContain(`${user.email}, who registered it, ${why}.`);
    }
  });
});
