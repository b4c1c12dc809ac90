// The Content-Security-Policy of the pages (docs/security.md, "Headers and framing"): scripts run only
// when they carry this response's nonce or were loaded by one that does, nothing else frames a page,
// forms post only here. One function of the path, so the one exception (embeddable pages, framed by
// this site and the configured origins) is decided in one place.

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

/**
 * Who may frame the page at `path`: nobody, except for an embeddable page, which this site and the
 * configured origins may frame.
 */
export function frameAncestors(path: string, embedOrigins: readonly string[] = []): string {
  if (!path.startsWith(EMBED_PATH_PREFIX)) return "'none'";
  const origins = [...new Set(embedOrigins.map((o) => o.toLowerCase()).filter((o) => ORIGIN.test(o)))];
  return ["'self'", ...origins].join(" ");
}

/** Where the embed's sign-in pop-up lands: a page that closes itself (app/embed/signed-in). */
export const EMBED_SIGNED_IN_PATH = "/embed/signed-in";

/**
 * Whether a page may keep the window that opened it: the embed pages, and the sign-in page on its way
 * back to the embed (the pop-up the frame opens). Every other page opens in a window of its own.
 * The frame watches its pop-up close to reload; a pop-up given a window of its own would look
 * closed to it at once, before the user signed in.
 */
export function keepsOpener(path: string, search: URLSearchParams): boolean {
  if (path.startsWith(EMBED_PATH_PREFIX)) return true;
  return path === "/signin" && search.get("callbackUrl") === EMBED_SIGNED_IN_PATH;
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
