// A path whose percent-encoding does not decode to UTF-8 (`/api/v1/opportunities/%ff`) makes Next's
// router throw while it matches dynamic segments, before any of our code runs, and it answered a
// plain-text 500. The proxy (proxy.ts) runs before that matching and refuses such paths with a 400:
// in the API's error shape under /api, as plain text elsewhere.
// Not through error-response.ts: the proxy's bundle need not load the database client it imports.
import type { ErrorAnswer } from "./error-response";

const API_ANSWER: ErrorAnswer = {
  code: "VALIDATION_FAILED",
  message: "The request path is not valid: its percent-encoding is not UTF-8.",
  details: { fields: [{ field: "(path)", message: "not valid percent-encoded UTF-8" }] },
};

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** A 400 for a request whose path cannot be decoded; null for any other. */
export function refuseUndecodablePath(req: Request): Response | null {
  // The raw path as sent: URL keeps percent-escapes it cannot decode as they are.
  const { pathname } = new URL(req.url);
  if (decodes(pathname)) return null;
  if (pathname === "/api" || pathname.startsWith("/api/")) return Response.json({ error: API_ANSWER }, { status: 400 });
  return new Response("Bad Request: the path's percent-encoding is not UTF-8.", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
