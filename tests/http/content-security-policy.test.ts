// The pages' Content-Security-Policy (src/http/content-security-policy.ts). Every page in a real
// browser under it: e2e/headers.spec.ts.
import { describe, expect, test } from "vitest";
import { frameAncestors, keepsOpener, newNonce, pagePolicy } from "@/src/http/content-security-policy";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]));
const production = { nonce: "bm9uY2U=", isDev: false, isHttps: false };

describe("a page's policy", () => {
  test("runs only scripts carrying the nonce or loaded by one, never eval, in production", () => {
    const policy = directives(pagePolicy("/board", production));
    expect(policy.get("script-src")).toBe("'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(policy.get("style-src")).toBe("'self' 'nonce-bm9uY2U='");
  });

  test("allows eval and nonce-less styles under next dev only, which needs them", () => {
    const policy = directives(pagePolicy("/board", { ...production, isDev: true }));
    expect(policy.get("script-src")).toBe("'self' 'nonce-bm9uY2U=' 'strict-dynamic' 'unsafe-eval'");
    expect(policy.get("style-src")).toBe("'self' 'unsafe-inline'");
  });

  test("loads no plugin, sets no base, posts forms only here, and is framed by nobody", () => {
    const policy = directives(pagePolicy("/opportunities/abc", production));
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'none'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("default-src")).toBe("'self'");
  });

  test("upgrades http:// subresources only when the site is on HTTPS", () => {
    expect(directives(pagePolicy("/", production)).has("upgrade-insecure-requests")).toBe(false);
    expect(directives(pagePolicy("/", { ...production, isHttps: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  test("names its own nonce, a fresh one each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("who may frame a page", () => {
  const crm = ["https://crm.example.com", "https://sales.example.org:8443"];
  const cases: [string, string, readonly string[], string][] = [
    ["the board", "/board", crm, "'none'"],
    ["the sign-in page", "/signin", crm, "'none'"],
    ["a path that only starts like the embeds", "/embedded", crm, "'none'"],
    ["an embeddable page, without configured origins: this site only", "/embed/opportunities/abc", [], "'self'"],
    ["an embeddable page", "/embed/opportunities/abc", crm, "'self' https://crm.example.com https://sales.example.org:8443"],
    [
      "an embeddable page, origins written in capitals, once",
      "/embed/x",
      ["HTTPS://CRM.EXAMPLE.COM", "https://crm.example.com"],
      "'self' https://crm.example.com",
    ],
    [
      "an embeddable page, leaving out what is not an origin",
      "/embed/x",
      ["https://crm.example.com/path", "*", "https://*.example.com", "'unsafe-inline'", "https://a.test; script-src *", "https://ok.test"],
      "'self' https://ok.test",
    ],
  ];
  for (const [name, path, origins, expected] of cases) test(name, () => expect(frameAncestors(path, origins)).toBe(expected));

  test("the policy carries the exception, and only for embeddable pages", () => {
    const embed = directives(pagePolicy("/embed/opportunities/abc", { ...production, embedOrigins: crm }));
    expect(embed.get("frame-ancestors")).toBe(`'self' ${crm.join(" ")}`);
    expect(directives(pagePolicy("/board", { ...production, embedOrigins: crm })).get("frame-ancestors")).toBe("'none'");
  });
});

describe("which pages keep the window that opened them", () => {
  const q = (s: string) => new URLSearchParams(s);
  test("the embed pages and the sign-in page on its way back to the embed", () => {
    expect(keepsOpener("/embed/opportunities/abc", q(""))).toBe(true);
    expect(keepsOpener("/embed/signed-in", q(""))).toBe(true);
    expect(keepsOpener("/signin", q("callbackUrl=%2Fembed%2Fsigned-in"))).toBe(true);
  });
  test("not the sign-in page going anywhere else, nor any other page", () => {
    expect(keepsOpener("/signin", q(""))).toBe(false);
    expect(keepsOpener("/signin", q("callbackUrl=%2Fboard"))).toBe(false);
    expect(keepsOpener("/signin", q("callbackUrl=%2Fembed%2Fsigned-in%2F..%2F..%2Fboard"))).toBe(false);
    expect(keepsOpener("/board", q("callbackUrl=%2Fembed%2Fsigned-in"))).toBe(false);
    expect(keepsOpener("/embedded", q(""))).toBe(false);
  });
});
