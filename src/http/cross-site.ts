// The API accepts the browser's session cookie, so another site's page could make a signed-in
// user's browser write through it (a form or a `text/plain` fetch needs no permission from us).
// Writes carrying the cookie are therefore accepted only from the app's own pages, as the browser
// reports them; bearer tokens are not sent by browsers on their own and are not concerned.
import type { Actor } from "../auth/actor";
import { clientAddress } from "../auth/request-actor";
import { logSecurityEvent, requestId } from "../server/security/security-log";
import { errorResponse } from "./error-response";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The last value of a header a proxy may have appended to. */
const lastHop = (value: string | null) => value?.split(",").at(-1)?.trim() || null;

/**
 * The app's own origin: NEXTAUTH_URL's when set (the public URL), else the Host the request was
 * sent to, and behind a trusted proxy (TRUST_PROXY=1) the host and scheme the proxy forwarded.
 */
export function appOrigin(req: Request): string | null {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      return null; // a misconfigured URL matches no origin: only Sec-Fetch-Site can vouch
    }
  }
  const trusted = process.env.TRUST_PROXY === "1";
  const host = (trusted && lastHop(req.headers.get("x-forwarded-host"))) || req.headers.get("host");
  const scheme = (trusted && lastHop(req.headers.get("x-forwarded-proto"))) || new URL(req.url).protocol.slice(0, -1);
  if (!host || !/^https?$/.test(scheme)) return null;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Whether the browser says the request comes from the app's own origin. Sec-Fetch-Site is set by the
 * browser and cannot be forged by a page; when present it decides ("same-site" is not enough: a
 * page on another port or subdomain is same-site). Browsers without it send Origin on every write.
 */
export function isSameOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin";
  const origin = req.headers.get("origin");
  return origin !== null && origin === appOrigin(req);
}

/** A 403 for a write authenticated by the session cookie that does not come from the app's pages. */
export function refuseCrossSiteSession(req: Request, actor: Actor): Response | null {
  if (!UNSAFE.has(req.method) || req.headers.has("authorization") || isSameOrigin(req)) return null;
  logSecurityEvent("cross_origin_refused", {
    userId: actor.id,
    clientAddress: clientAddress(req),
    requestId: requestId(req),
    detail: {
      method: req.method,
      path: new URL(req.url).pathname.slice(0, 200),
      origin: req.headers.get("origin")?.slice(0, 200) ?? null,
      fetchSite: req.headers.get("sec-fetch-site")?.slice(0, 40) ?? null,
    },
  });
  return errorResponse("FORBIDDEN", "Writes with the session cookie are accepted only from the app's own pages. Other clients send a bearer token.");
}
