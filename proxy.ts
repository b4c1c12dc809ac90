// Runs before every page (and its server actions), every API request without a body and every path
// that may not decode: refuses a path Next.js's router would fail on, names the request, refuses what
// Next.js would fail on as a server action, and gives each page its security
// headers with a fresh nonce (docs/security.md, "Headers and framing"). Keep it a composition of
// src/http functions.
import { NextResponse, type NextRequest } from "next/server";
import { EMBED_PATH_PREFIX, keepsOpener, newNonce, pagePolicy } from "@/src/http/content-security-policy";
import { isHttps, securityHeaders, withHeaders } from "@/src/http/security-headers";
import { serverActionRefusal } from "@/src/http/server-action-guard";
import { refuseUndecodablePath } from "@/src/http/undecodable-path";
import { database } from "@/src/server/db";
import { embedOrigins } from "@/src/server/embed/embed-settings";
import { requestId } from "@/src/server/security/security-log";

/** The origins that may frame an embed page, read per request so that a change applies at once; none if unreadable. */
async function framingOrigins(pathname: string): Promise<string[]> {
  if (!pathname.startsWith(EMBED_PATH_PREFIX)) return [];
  try {
    return (await embedOrigins(database().sql)).origins;
  } catch {
    return [];
  }
}

export async function proxy(req: NextRequest): Promise<Response> {
  const undecodable = refuseUndecodablePath(req);
  if (undecodable) return undecodable;
  const id = requestId(req);
  const forwarded = new Headers(req.headers);
  forwarded.set("x-request-id", id); // so that the app's log lines name the request
  const { pathname } = req.nextUrl;
  // API answers get their headers from next.config.mjs, whether or not they pass here.
  if (pathname.startsWith("/api/")) return withHeaders(NextResponse.next({ request: { headers: forwarded } }), { "x-request-id": id });

  const https = isHttps(req);
  const headers = { "x-request-id": id, ...securityHeaders({ https, keepOpener: keepsOpener(pathname, req.nextUrl.searchParams) }) };
  const refusal = await serverActionRefusal(req, id);
  if (refusal) return withHeaders(refusal, headers);
  const policy = pagePolicy(pathname, {
    nonce: newNonce(),
    isDev: process.env.NODE_ENV === "development",
    isHttps: https,
    embedOrigins: await framingOrigins(pathname),
  });
  forwarded.set("content-security-policy", policy); // Next.js takes the nonce for its scripts from the request's policy
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), { ...headers, "content-security-policy": policy });
}

export const config = {
  matcher: [
    // Paths with a percent-escape that may not decode (a byte above 0x7f, or a malformed one), bodies
    // or not: Next.js's router would fail on them before any route runs.
    "/:path(.*%(?:[89a-fA-F]|[0-9a-fA-F]?(?![0-9a-fA-F])).*)",
    // Pages and their server actions, not the build's static files.
    "/((?!api/|_next/static/|_next/image|favicon.ico).*)",
    // Next.js reads the whole body of a request that comes here before its route starts (up to
    // proxyClientMaxBodySize), which would undo the API's own body limits: API requests come here
    // only without a body.
    {
      source: "/api/:path*",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
