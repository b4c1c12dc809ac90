// The Content-Security-Policy of the pages (docs/security.md, "Headers and framing"): scripts run only
// when they carry this response's nonce or were loaded by one that does, nothing else frames a page,
// forms post only here. One function of the path, so the one exception (embeddable pages, framed by
// configured origins) is decided in one place.

export type PolicyOptions = {
  /** This response's nonce: Next.js reads it from the request's policy and puts it on its scripts. */
  nonce: string;
  /** `next dev`: React rebuilds server error stacks with eval, and styles are injected without a nonce. */
  isDev: boolean;
  /** The site is served over HTTPS: a subresource written with http:// is upgraded rather than fetched in clear. */
  isHttps: boolean;
  /** Origins allowed to frame the embeddable pages (under /embed/); no origin frames any other page. */
  embedOrigins?: readonly string[];
};

export const EMBED_PATH_PREFIX = "/embed/";

// An origin as a browser serializes it: scheme, host, optional port, nothing else. Anything more
// (a path, a wildcard, a space or a semicolon) could widen or break the policy, so it is left out.
const ORIGIN = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z0-9-]+(?::\d{1,5})?$/;

/** Who may frame the page at `path`: nobody, except the configured origins for an embeddable page. */
export function frameAncestors(path: string, embedOrigins: readonly string[] = []): string {
  const origins = path.startsWith(EMBED_PATH_PREFIX) ? embedOrigins.map((o) => o.toLowerCase()).filter((o) => ORIGIN.test(o)) : [];
  return origins.length > 0 ? origins.join(" ") : "'none'";
}

/** The policy of the page at `path`. */
export function pagePolicy(path: string, { nonce, isDev, isHttps, embedOrigins }: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // Style elements and sheets: the app's own CSS files, and the elements Next.js or a library
    // (the dialogs' scroll lock, see instrumentation-client.ts) adds with the nonce.
    `style-src 'self' ${isDev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // Style attributes rendered on the server (bar widths, the stage path's shapes, a list's padding)
    // cannot carry a nonce. An attribute cannot run script, and with images, fonts and connections
    // limited to this origin it cannot send anything elsewhere either.
    "style-src-attr 'unsafe-inline'",
    // data: for the icons drawn in CSS (the select chevron).
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors(path, embedOrigins)}`,
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
