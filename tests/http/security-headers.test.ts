// The headers every page answers with besides its policy (src/http/security-headers.ts).
import { describe, expect, test } from "vitest";
import { isHttps, securityHeaders } from "@/src/http/security-headers";

const req = (headers: Record<string, string> = {}) => ({ headers: new Headers(headers) });

describe("whether the site is served over HTTPS", () => {
  const cases: [string, Record<string, string>, Record<string, string>, boolean][] = [
    ["its public URL is https", { NEXTAUTH_URL: "https://stageline.example.com" }, {}, true],
    ["its public URL is http", { NEXTAUTH_URL: "http://localhost:3000" }, {}, false],
    ["a trusted proxy says the request came over HTTPS", { TRUST_PROXY: "1" }, { "x-forwarded-proto": "https" }, true],
    ["…and names the client's hop first", { TRUST_PROXY: "1" }, { "x-forwarded-proto": "HTTPS, http" }, true],
    ["a trusted proxy says HTTP", { TRUST_PROXY: "1" }, { "x-forwarded-proto": "http" }, false],
    ["a client says so, with no trusted proxy", {}, { "x-forwarded-proto": "https" }, false],
  ];
  for (const [name, env, headers, https] of cases) test(name, () => expect(isHttps(req(headers), env)).toBe(https));
});

describe("the headers", () => {
  test("over HTTP: no sniffing, the origin only as referrer, a window of its own, no HSTS", () => {
    expect(securityHeaders({ https: false })).toEqual({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "cross-origin-opener-policy": "same-origin",
    });
  });

  test("the embed's pages and sign-in pop-up keep their opener, so the frame sees the pop-up close", () => {
    expect(securityHeaders({ https: false, keepOpener: true })["cross-origin-opener-policy"]).toBe("unsafe-none");
  });

  test("over HTTPS: HSTS for a year, subdomains included", () => {
    expect(securityHeaders({ https: true })["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });
});
