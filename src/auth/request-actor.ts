import { database, type Reader } from "../server/db";
import type { Actor } from "./actor";
import { findActorByToken } from "./api-tokens";
import { findActorBySessionToken, sessionCookieName } from "./session";

function cookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined; // a malformed cookie is no session, not an error
      }
    }
  }
  return undefined;
}

/** The caller of an HTTP request: a bearer token first, else the browser session. */
export async function findRequestActor(tx: Reader, req: Request): Promise<Actor | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    return match ? findActorByToken(database().sql, match[1]!) : null;
  }
  return findActorBySessionToken(tx, cookie(req.headers.get("cookie"), sessionCookieName()));
}

/**
 * The client's address for rate limits, when it can be trusted: behind a proxy (TRUST_PROXY=1) it is
 * the last hop the proxy appended to X-Forwarded-For. Without one the header is whatever the client
 * sent, so it is not used and only the per-account limit applies.
 */
export function clientAddress(req: Request): string | null {
  if (process.env.TRUST_PROXY !== "1") return null;
  const hops = req.headers.get("x-forwarded-for")?.split(",") ?? [];
  return hops.at(-1)?.trim().slice(0, 64) || null;
}
