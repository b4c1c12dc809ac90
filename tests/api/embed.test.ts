// The embed (docs/embedding.md): who may frame its pages (the admin's list, or EMBED_ORIGINS until
// one is saved), read by the proxy on each request so a change applies at once, while every other page
// refuses to be framed; the settings API is an admin's, and takes well-formed origins only. A framed
// page's writes keep the origin check: being allowed to frame is not being allowed to post.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as settings from "@/app/api/v1/embed/settings/route";
import { proxy } from "@/proxy";
import { database } from "@/src/server/db";
import { EMBED_ORIGINS_KEY } from "@/src/server/embed/embed-settings";
import { ensureDefaults } from "../support/deals";
import { createOrg } from "../support/fixtures";
import { call } from "../support/http";

let org: Awaited<ReturnType<typeof createOrg>>;
const saved = { ...process.env };
const CRM = "https://acme.my.salesforce.com";
const HUBSPOT = "https://app.hubspot.com";

beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});
beforeEach(async () => {
  process.env = { ...saved, EMBED_ORIGINS: `${CRM}, not an origin, http://localhost:4000` };
  await database().sql.deleteFrom("AppSetting").where("key", "=", EMBED_ORIGINS_KEY).execute();
});
afterAll(() => {
  process.env = saved;
});

const get = (token: string) => call(settings.GET, { token });
const put = (body: unknown, token = org.admin.token) => call(settings.PUT, { token, method: "PUT", body });

const page = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  proxy(new NextRequest(`http://localhost:3000${path}`, { method: init.method ?? "GET", headers: { host: "localhost:3000", ...init.headers } }));
const framing = async (path: string) => {
  const policy = (await page(path)).headers.get("content-security-policy") ?? "";
  return policy.split("; ").find((d) => d.startsWith("frame-ancestors "));
};

describe("who may frame a page, as the proxy answers it", () => {
  test("an embed page: this site and EMBED_ORIGINS's well-formed origins, until an admin saves a list", async () => {
    expect(await framing("/embed/opportunities/abc")).toBe(`frame-ancestors 'self' ${CRM} http://localhost:4000`);
    expect(await framing("/embed/by-external/salesforce/0065g000001")).toBe(`frame-ancestors 'self' ${CRM} http://localhost:4000`);
  });

  test("every other page refuses every frame, whatever the list", async () => {
    for (const path of ["/", "/board", "/opportunities/abc", "/signin", "/settings", "/embedded", "/admin"])
      expect(await framing(path), path).toBe("frame-ancestors 'none'");
  });

  test("the admin's list replaces the default at the next request, without a restart; an empty list leaves this site only", async () => {
    expect((await put({ origins: [HUBSPOT] })).status).toBe(200);
    expect(await framing("/embed/opportunities/abc")).toBe(`frame-ancestors 'self' ${HUBSPOT}`);
    expect(await framing("/board")).toBe("frame-ancestors 'none'");
    expect((await put({ origins: [] })).status).toBe(200);
    expect(await framing("/embed/opportunities/abc")).toBe("frame-ancestors 'self'");
  });

  test("the embed pages keep their opener (the sign-in pop-up); other pages do not", async () => {
    expect((await page("/embed/opportunities/abc")).headers.get("cross-origin-opener-policy")).toBe("unsafe-none");
    expect((await page("/signin?callbackUrl=%2Fembed%2Fsigned-in")).headers.get("cross-origin-opener-policy")).toBe("unsafe-none");
    expect((await page("/signin")).headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect((await page("/board")).headers.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  test("a write to an embed page from a site allowed to frame it is still refused (403): framing is not posting", async () => {
    const res = await page("/embed/opportunities/abc", {
      method: "POST",
      headers: { origin: CRM, "next-action": "4009be9995c80917e4792bdd673cb2900cf24dc83c", "content-type": "text/plain;charset=UTF-8" },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
    const own = await page("/embed/opportunities/abc", {
      method: "POST",
      headers: {
        origin: "http://localhost:3000",
        "next-action": "4009be9995c80917e4792bdd673cb2900cf24dc83c",
        "content-type": "text/plain;charset=UTF-8",
      },
    });
    expect(own.status).not.toBe(403);
  });
});

describe("GET and PUT /api/v1/embed/settings", () => {
  test("an admin reads the list in force, where it comes from, and the environment's default", async () => {
    const res = await get(org.admin.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ origins: [CRM, "http://localhost:4000"], source: "environment", environmentOrigins: [CRM, "http://localhost:4000"] });
  });

  test("an admin saves a list: lowercased, trimmed, once each, and it is then the setting's", async () => {
    const res = await put({ origins: [" HTTPS://App.HubSpot.com ", HUBSPOT, "https://crm.example.org:8443", "http://127.0.0.1:5173"] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      origins: [HUBSPOT, "https://crm.example.org:8443", "http://127.0.0.1:5173"],
      source: "setting",
      environmentOrigins: [CRM, "http://localhost:4000"],
    });
    expect((await get(org.admin.token)).body.origins).toEqual([HUBSPOT, "https://crm.example.org:8443", "http://127.0.0.1:5173"]);
  });

  test("every other role is refused (403) on both, and nothing changes", async () => {
    for (const who of [org.rep, org.manager, org.finance]) {
      expect((await get(who.token)).status, who.role).toBe(403);
      expect((await put({ origins: [HUBSPOT] }, who.token)).status, who.role).toBe(403);
    }
    expect((await get(org.admin.token)).body.source).toBe("environment");
  });

  test("without a token: 401", async () => {
    expect((await call(settings.GET)).status).toBe(401);
  });

  test.each([
    ["http on another host", "http://crm.example.com"],
    ["a path", "https://crm.example.com/lightning"],
    ["a trailing slash", "https://crm.example.com/"],
    ["a wildcard", "https://*.example.com"],
    ["a bare wildcard", "*"],
    ["a keyword", "'self'"],
    ["a directive smuggled in", "https://a.test; script-src *"],
    ["a space", "https://a.test https://b.test"],
    ["credentials", "https://user@crm.example.com"],
    ["a query", "https://crm.example.com?x=1"],
    ["port 0", "https://crm.example.com:0"],
    ["a port out of range", "https://crm.example.com:70000"],
    ["another scheme", "ftp://crm.example.com"],
    ["no scheme", "crm.example.com"],
  ])("refuses %s (400 naming the origin), and keeps the list", async (_, origin) => {
    const res = await put({ origins: [HUBSPOT, origin] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(res.body.error.details)).toContain("origins.1");
    expect((await get(org.admin.token)).body.source).toBe("environment");
  });

  test("refuses a body that is not a list of origins, and more than 50", async () => {
    expect((await put({})).status).toBe(400);
    expect((await put({ origins: HUBSPOT })).status).toBe(400);
    expect((await put({ origins: [], extra: 1 })).status).toBe(400);
    const many = Array.from({ length: 51 }, (_, i) => `https://crm${i}.example.com`);
    expect((await put({ origins: many })).status).toBe(400);
  });
});
