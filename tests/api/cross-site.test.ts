// A page on another port of the same host created a deal for a signed-in rep: the API took the
// session cookie and a `text/plain` JSON body from any origin. Writes with the cookie now need the
// browser to report the app's own origin, and JSON bodies must say they are JSON.
import crypto from "node:crypto";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import * as opportunities from "@/app/api/v1/opportunities/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { captureSecurityLog } from "@/src/server/security/security-log";
import { db } from "@/src/server/db";
import { createDeal, dealBody, ensureDefaults } from "../support/deals";
import { createOrg, PASSWORD } from "../support/fixtures";
import { browserSession, call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
let cookie: string;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
  cookie = await browserSession(org.rep);
});

const savedUrl = process.env.NEXTAUTH_URL;
const savedProxy = process.env.TRUST_PROXY;
afterEach(() => {
  for (const [key, value] of [
    ["NEXTAUTH_URL", savedUrl],
    ["TRUST_PROXY", savedProxy],
  ] as const)
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
});

const uniqueName = () => `Deal ${crypto.randomUUID()}`;
const dealsNamed = (name: string) => db().opportunity.count({ where: { name } });

describe("a write with the session cookie", () => {
  test("from another origin, as a text/plain POST, is refused (403), logged, and creates nothing", async () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    const name = uniqueName();
    const { result: res, lines } = await captureSecurityLog(() =>
      call(opportunities.POST, {
        cookie,
        // What Chromium sent for the page on another port: same site, not same origin.
        headers: {
          origin: "http://localhost:4000",
          "sec-fetch-site": "same-site",
          "content-type": "text/plain;charset=UTF-8",
          "x-request-id": "req-1",
        },
        body: JSON.stringify(dealBody({ name })),
      }),
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    expect(res.body.error.message).toMatch(/app's own pages/);
    expect(await dealsNamed(name)).toBe(0);
    expect(lines).toEqual([
      expect.objectContaining({
        event: "cross_origin_refused",
        userId: org.rep.id,
        requestId: "req-1",
        method: "POST",
        path: "/api/v1/test",
        origin: "http://localhost:4000",
        fetchSite: "same-site",
      }),
    ]);
  });

  test.each([
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    ["an Origin of another port, from a browser without Sec-Fetch-Site", { origin: "http://localhost:4000" }],
    ["an Origin of another scheme", { origin: "https://localhost:3000" }],
    ["an opaque Origin (a sandboxed frame)", { origin: "null" }],
    ["neither Origin nor Sec-Fetch-Site", {}],
    ["Sec-Fetch-Site: none", { "sec-fetch-site": "none" }],
    // The browser's own header decides: a page cannot forge it, and same-site is not same-origin.
    ["Sec-Fetch-Site: same-site with the app's Origin", { "sec-fetch-site": "same-site", origin: "http://localhost:3000" }],
  ])("with %s, is refused for every unsafe method", async (_, headers) => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    const deal = await createDeal(org.rep.token);
    const sent = { headers: { cookie, ...headers } };
    const created = await call(opportunities.POST, { ...sent, body: dealBody() });
    const patched = await call(one.PATCH, { ...sent, method: "PATCH", params: { id: deal.id }, body: { version: deal.version, nextStep: "x" } });
    expect([created.status, patched.status]).toEqual([403, 403]);
    expect((await call(one.GET, { token: org.rep.token, params: { id: deal.id } })).body.version).toBe(deal.version);
  });

  test("from the app's own pages passes: Sec-Fetch-Site same-origin, or an Origin equal to NEXTAUTH_URL's", async () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000/some/path";
    const bySite = await call(opportunities.POST, { cookie, headers: { "sec-fetch-site": "same-origin" }, body: dealBody() });
    const byOrigin = await call(opportunities.POST, { cookie, headers: { origin: "http://localhost:3000" }, body: dealBody() });
    expect([bySite.status, byOrigin.status]).toEqual([201, 201]);
    expect(byOrigin.body.ownerId).toBe(org.rep.id);
  });

  test("without NEXTAUTH_URL the app's origin is the Host asked for; behind a trusted proxy, the forwarded host and scheme", async () => {
    delete process.env.NEXTAUTH_URL;
    const post = (headers: Record<string, string>) => call(opportunities.POST, { headers: { cookie, ...headers }, body: dealBody() });
    expect((await post({ host: "crm.example:8080", origin: "http://crm.example:8080" })).status).toBe(201);
    expect((await post({ host: "crm.example:8080", origin: "http://evil.example" })).status).toBe(403);
    const forwarded = { host: "10.0.0.5:3000", "x-forwarded-host": "crm.example", "x-forwarded-proto": "https", origin: "https://crm.example" };
    // Forwarded headers are whatever the client sent unless a proxy is trusted to set them.
    expect((await post(forwarded)).status).toBe(403);
    process.env.TRUST_PROXY = "1";
    expect((await post(forwarded)).status).toBe(201);
    expect((await post({ ...forwarded, origin: "http://crm.example" })).status).toBe(403);
  });

  test("a read with the session cookie from anywhere is answered (another site cannot read the answer)", async () => {
    const res = await call(me.GET, { headers: { cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(200);
  });
});

describe("callers that are not a browser session", () => {
  test("a bearer token writes with no Origin and no Sec-Fetch-Site, as a script or server does", async () => {
    const res = await call(opportunities.POST, { token: org.rep.token, body: dealBody() });
    expect(res.status).toBe(201);
  });

  test("a bearer token is what authenticates even when a session cookie comes along", async () => {
    const res = await call(opportunities.POST, { token: org.manager.token, headers: { cookie, origin: "https://evil.example" }, body: dealBody() });
    expect(res.status).toBe(201);
    expect(res.body.ownerId).toBe(org.manager.id);
  });

  test("token creation takes no cookie and is not concerned; its JSON must still say it is JSON", async () => {
    const body = JSON.stringify({ email: org.rep.email, password: PASSWORD });
    expect((await call(tokens.POST, { headers: { origin: "https://evil.example" }, body })).status).toBe(201);
    expect((await call(tokens.POST, { headers: { origin: "https://evil.example", "content-type": "text/plain" }, body })).status).toBe(415);
  });
});

describe("a JSON body must be sent as application/json", () => {
  test.each([
    ["text/plain", 415],
    ["text/plain;charset=UTF-8", 415],
    ["application/x-www-form-urlencoded", 415],
    ["multipart/form-data; boundary=x", 415],
    ["application/json; charset=latin1", 415],
    ["application/json", 201],
    ["application/json; charset=utf-8", 201],
    ['Application/JSON;Charset="UTF-8"', 201],
  ])("%s answers %i, for a bearer token as for a session", async (contentType, status) => {
    const body = JSON.stringify(dealBody());
    const viaToken = await call(opportunities.POST, { token: org.rep.token, headers: { "content-type": contentType }, body });
    const viaSession = await call(opportunities.POST, { cookie, headers: { "content-type": contentType }, body });
    expect([viaToken.status, viaSession.status]).toEqual([status, status]);
    if (status === 415)
      expect(viaToken.body.error).toEqual({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Send the body as JSON, with Content-Type: application/json." });
  });

  test("a body without a Content-Type is 415; no body at all is judged by the schema", async () => {
    const noType = new Request("http://localhost/api/v1/opportunities", {
      method: "POST",
      headers: { authorization: `Bearer ${org.rep.token}` },
      body: new TextEncoder().encode(JSON.stringify(dealBody())),
    });
    expect(noType.headers.get("content-type")).toBeNull();
    expect((await opportunities.POST(noType, { params: Promise.resolve({}) })).status).toBe(415);
    const empty = await call(opportunities.POST, { token: org.rep.token, method: "POST" });
    expect([empty.status, empty.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});
