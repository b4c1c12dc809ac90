// The headers every page answers with besides its Content-Security-Policy (docs/security.md,
// "Headers and framing"). API answers get theirs from next.config.mjs, which the proxy does not
// run for when a request has a body.

type Env = Record<string, string | undefined>;

/**
 * Whether the site is served over HTTPS: its public URL says so, or, behind a proxy the app trusts
 * (TRUST_PROXY=1), the proxy says this request came in over HTTPS. Without TRUST_PROXY the header
 * is whatever the client sent.
 */
export function isHttps(req: Pick<Request, "headers">, env: Env = process.env): boolean {
  if ((env.NEXTAUTH_URL ?? "").startsWith("https://")) return true;
  return env.TRUST_PROXY === "1" && req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

export function securityHeaders({ https, keepOpener = false }: { https: boolean; keepOpener?: boolean }): Record<string, string> {
  return {
    // A file or an answer is read as the type it is served with, never sniffed into HTML or script.
    "x-content-type-options": "nosniff",
    // Other sites learn our origin from a link, never a path (deal ids, filters).
    "referrer-policy": "strict-origin-when-cross-origin",
    // A page opened from another site (or opening one) shares no window with it; except the embed's
    // sign-in pop-up, whose frame must see it close (keepsOpener in content-security-policy.ts).
    "cross-origin-opener-policy": keepOpener ? "unsafe-none" : "same-origin",
    // Sent over HTTPS only: a browser ignores it over HTTP, and a site on HTTP must stay reachable.
    ...(https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** `response` with `headers` set on it. */
export function withHeaders<R extends Response>(response: R, headers: Record<string, string>): R {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
