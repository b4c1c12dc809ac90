// The webhooks API (docs/webhooks.md): admins register, list, change, delete endpoints, rotate their
// secrets and read their deliveries; every other role is refused on every operation. The URL rules:
// https only, loopback over http with WEBHOOKS_ALLOW_HTTP=1, no private address unless the admin
// setting allows it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as deliveries from "@/app/api/v1/webhooks/[id]/deliveries/route";
import * as rotate from "@/app/api/v1/webhooks/[id]/rotate-secret/route";
import * as one from "@/app/api/v1/webhooks/[id]/route";
import * as all from "@/app/api/v1/webhooks/route";
import * as settings from "@/app/api/v1/webhooks/settings/route";
import { isWebhookSecret } from "@/src/server/webhooks/signature";
import { createDeal, ensureDefaults } from "../support/deals";
import { createOrg } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
const saved = { ...process.env };

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  process.env.WEBHOOKS_ALLOW_HTTP = "1";
});
afterAll(() => {
  process.env = saved;
});

const register = (body: Record<string, unknown>, token = org.admin.token) => call(all.POST, { token, body });
const LOCAL = "http://127.0.0.1:9/hook";
const setAllowPrivate = async (allow: boolean) => {
  const res = await call(settings.PUT, { token: org.admin.token, method: "PUT", body: { allowPrivateAddresses: allow } });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ allowPrivateAddresses: allow });
};

describe("registering", () => {
  test("answers 201 with the id and a whsec_ secret of 24+ random bytes, shown only then", async () => {
    const res = await register({ url: LOCAL, events: ["opportunity.stage_changed", "approval.decided"], description: "CRM sync" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      url: LOCAL,
      events: ["opportunity.stage_changed", "approval.decided"],
      description: "CRM sync",
      active: true,
      disabledReason: null,
      createdById: org.admin.id,
    });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(isWebhookSecret(res.body.secret)).toBe(true);
    const list = await call(all.GET, { token: org.admin.token });
    const listed = list.body.items.find((w: { id: string }) => w.id === res.body.id);
    expect(listed).toMatchObject({ url: LOCAL, description: "CRM sync" });
    expect(listed).not.toHaveProperty("secret");
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
  });

  test("two endpoints never share a secret", async () => {
    const a = await register({ url: LOCAL, events: ["opportunity.created"] });
    const b = await register({ url: LOCAL, events: ["opportunity.created"] });
    expect(a.body.secret).not.toBe(b.body.secret);
  });

  test("the settings refuse anything but a boolean", async () => {
    const res = await call(settings.PUT, { token: org.admin.token, method: "PUT", body: { allowPrivateAddresses: "yes" } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe("allowPrivateAddresses");
  });

  test("refuses unknown events, no events and a missing URL, naming the field", async () => {
    for (const [body, field] of [
      [{ url: LOCAL, events: ["opportunity.deleted"] }, "events.0"],
      [{ url: LOCAL, events: [] }, "events"],
      [{ events: ["opportunity.created"] }, "url"],
      [{ url: "ftp://example.com/x", events: ["opportunity.created"] }, "url"],
    ] as const) {
      const res = await register(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });
});

describe("URL rules", () => {
  test("http:// is refused without WEBHOOKS_ALLOW_HTTP=1, even for loopback", async () => {
    delete process.env.WEBHOOKS_ALLOW_HTTP;
    try {
      const res = await register({ url: LOCAL, events: ["opportunity.created"] });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields).toEqual([{ field: "url", message: "Only https:// URLs are accepted." }]);
      // Loopback over https is refused too: it is an address inside the machine.
      const loopbackHttps = await register({ url: "https://127.0.0.1/hook", events: ["opportunity.created"] });
      expect(loopbackHttps.status).toBe(400);
      expect(loopbackHttps.body.error.message).toContain("127.0.0.1 is a private, loopback or link-local address");
    } finally {
      process.env.WEBHOOKS_ALLOW_HTTP = "1";
    }
  });

  test("with WEBHOOKS_ALLOW_HTTP=1, http:// is accepted for loopback hosts only", async () => {
    expect((await register({ url: "http://localhost:8080/hook", events: ["opportunity.created"] })).status).toBe(201);
    expect((await register({ url: "http://[::1]:8080/hook", events: ["opportunity.created"] })).status).toBe(201);
    const remote = await register({ url: "http://93.184.215.14/hook", events: ["opportunity.created"] });
    expect(remote.status).toBe(400);
    expect(remote.body.error.message).toBe("http:// is accepted only for loopback hosts (with WEBHOOKS_ALLOW_HTTP=1); use https://.");
  });

  test("private and link-local addresses are refused, unless the admin setting allows them", async () => {
    for (const url of [
      "https://10.1.2.3/hook",
      "https://192.168.0.10/hook",
      "https://172.20.0.1/hook",
      "https://169.254.169.254/latest",
      "https://[fd00::1]/hook",
      "https://[::ffff:10.0.0.1]/hook",
    ]) {
      const res = await register({ url, events: ["opportunity.created"] });
      expect(res.status, url).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe("url");
    }
    expect((await call(settings.GET, { token: org.admin.token })).body).toEqual({ allowPrivateAddresses: false });
    await setAllowPrivate(true);
    try {
      expect((await call(settings.GET, { token: org.admin.token })).body).toEqual({ allowPrivateAddresses: true });
      expect((await register({ url: "https://10.1.2.3/hook", events: ["opportunity.created"] })).status).toBe(201);
      expect((await register({ url: "https://169.254.169.254/latest", events: ["opportunity.created"] })).status).toBe(201);
    } finally {
      await setAllowPrivate(false);
    }
    expect((await register({ url: "https://10.1.2.3/hook", events: ["opportunity.created"] })).status).toBe(400);
  });

  test("a public https:// address is accepted, and a host that does not resolve is refused", async () => {
    expect((await register({ url: "https://93.184.215.14/hook", events: ["opportunity.created"] })).status).toBe(201);
    const unknown = await register({ url: "https://no-such-host.invalid/hook", events: ["opportunity.created"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("The host no-such-host.invalid does not resolve.");
  });

  test("a change of URL is checked by the same rules", async () => {
    const { body } = await register({ url: LOCAL, events: ["opportunity.created"] });
    const res = await call(one.PATCH, { token: org.admin.token, method: "PATCH", params: { id: body.id }, body: { url: "https://10.0.0.5/x" } });
    expect(res.status).toBe(400);
  });
});

describe("changing, rotating, deleting", () => {
  test("PATCH changes the URL, events and description, and turns an endpoint off and on", async () => {
    const { body } = await register({ url: LOCAL, events: ["opportunity.created"] });
    const changed = await call(one.PATCH, {
      token: org.admin.token,
      method: "PATCH",
      params: { id: body.id },
      body: { url: "http://127.0.0.1:10/other", events: ["approval.stale", "approval.stale"], description: "Renamed" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ url: "http://127.0.0.1:10/other", events: ["approval.stale"], description: "Renamed", active: true });
    const off = await call(one.PATCH, { token: org.admin.token, method: "PATCH", params: { id: body.id }, body: { active: false } });
    expect(off.body).toMatchObject({ active: false, disabledReason: expect.stringContaining("Disabled by"), disabledAt: expect.any(String) });
    const on = await call(one.PATCH, { token: org.admin.token, method: "PATCH", params: { id: body.id }, body: { active: true } });
    expect(on.body).toMatchObject({ active: true, disabledReason: null, disabledAt: null, failingSince: null });
  });

  test("rotate-secret answers a new secret once, and the previous one's expiry", async () => {
    const { body } = await register({ url: LOCAL, events: ["opportunity.created"] });
    const before = Date.now();
    const res = await call(rotate.POST, { token: org.admin.token, params: { id: body.id } });
    expect(res.status).toBe(200);
    expect(res.body.secret).toMatch(/^whsec_/);
    expect(res.body.secret).not.toBe(body.secret);
    const expires = Date.parse(res.body.previousSecretExpiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
    expect(expires - before).toBeLessThanOrEqual(24 * 3_600_000 + 60_000);
  });

  test("GET answers one endpoint without its secret", async () => {
    const { body } = await register({ url: LOCAL, events: ["opportunity.created"], description: "the one" });
    const res = await call(one.GET, { token: org.admin.token, params: { id: body.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: body.id, url: LOCAL, events: ["opportunity.created"], description: "the one", active: true });
    expect(JSON.stringify(res.body)).not.toContain("whsec_");
  });

  test("DELETE answers 204, then the endpoint is gone (404 on every operation)", async () => {
    const { body } = await register({ url: LOCAL, events: ["opportunity.created"] });
    const res = await call(one.DELETE, { token: org.admin.token, method: "DELETE", params: { id: body.id } });
    expect(res.status).toBe(204);
    expect((await call(one.DELETE, { token: org.admin.token, method: "DELETE", params: { id: body.id } })).status).toBe(404);
    expect((await call(one.PATCH, { token: org.admin.token, method: "PATCH", params: { id: body.id }, body: { description: "x" } })).status).toBe(
      404,
    );
    expect((await call(rotate.POST, { token: org.admin.token, params: { id: body.id } })).status).toBe(404);
    expect((await call(one.GET, { token: org.admin.token, params: { id: body.id } })).status).toBe(404);
    expect((await call(deliveries.GET, { token: org.admin.token, params: { id: body.id } })).status).toBe(404);
  });
});

describe("deliveries", () => {
  test("lists the endpoint's own messages, newest first, paged", async () => {
    const { body: hook } = await register({ url: LOCAL, events: ["opportunity.created"] });
    const { body: other } = await register({ url: LOCAL, events: ["opportunity.stage_changed"] });
    const deals = [await createDeal(org.rep.token, { name: "First" }), await createDeal(org.rep.token, { name: "Second" })];
    const page1 = await call(deliveries.GET, {
      token: org.admin.token,
      params: { id: hook.id },
      path: `/api/v1/webhooks/${hook.id}/deliveries?limit=1`,
    });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.items[0]).toMatchObject({
      channel: "webhook",
      status: "pending",
      opportunityId: deals[1]!.id,
      idempotencyKey: `webhook:${hook.id}:${deals[1]!.id}.created`,
      payload: { type: "opportunity.created", endpointId: hook.id, data: { opportunity: { id: deals[1]!.id, name: "Second" } } },
      recentAttempts: [],
    });
    const page2 = await call(deliveries.GET, {
      token: org.admin.token,
      params: { id: hook.id },
      path: `/api/v1/webhooks/${hook.id}/deliveries?limit=1&cursor=${page1.body.nextCursor}`,
    });
    expect(page2.body.items.map((m: { opportunityId: string }) => m.opportunityId)).toEqual([deals[0]!.id]);
    // Not subscribed to opportunity.created: nothing for it.
    expect((await call(deliveries.GET, { token: org.admin.token, params: { id: other.id } })).body.items).toEqual([]);
  });
});

describe("every operation is refused to every role but admin", () => {
  let id: string;
  beforeAll(async () => {
    id = (await register({ url: LOCAL, events: ["opportunity.created"] })).body.id;
  });
  const operations = [
    ["GET /webhooks", (token: string) => call(all.GET, { token })],
    ["POST /webhooks", (token: string) => call(all.POST, { token, body: { url: LOCAL, events: ["opportunity.created"] } })],
    ["GET /webhooks/{id}", (token: string) => call(one.GET, { token, params: { id } })],
    ["PATCH /webhooks/{id}", (token: string) => call(one.PATCH, { token, method: "PATCH", params: { id }, body: { description: "mine now" } })],
    ["DELETE /webhooks/{id}", (token: string) => call(one.DELETE, { token, method: "DELETE", params: { id } })],
    ["POST /webhooks/{id}/rotate-secret", (token: string) => call(rotate.POST, { token, params: { id } })],
    ["GET /webhooks/{id}/deliveries", (token: string) => call(deliveries.GET, { token, params: { id } })],
    ["GET /webhooks/settings", (token: string) => call(settings.GET, { token })],
    ["PUT /webhooks/settings", (token: string) => call(settings.PUT, { token, method: "PUT", body: { allowPrivateAddresses: true } })],
  ] as const;
  for (const [name, run] of operations)
    for (const role of ["rep", "manager", "finance"] as const)
      test(`${name}: 403 for ${role === "finance" ? "deal desk" : role}`, async () => {
        const res = await run(org[role].token);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("FORBIDDEN");
      });

  test("and the endpoint is untouched by the refused calls", async () => {
    const list = await call(all.GET, { token: org.admin.token });
    expect(list.body.items.find((w: { id: string }) => w.id === id)).toMatchObject({ description: "", active: true, previousSecretExpiresAt: null });
    expect((await call(settings.GET, { token: org.admin.token })).body).toEqual({ allowPrivateAddresses: false });
  });
});
