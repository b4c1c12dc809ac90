import { AppError } from "../errors";
import { database, type Reader } from "../server/db";
import { countAttempt, type RateLimit, retryAfter } from "../server/rate-limit";
import { logSecurityEvent, requestId } from "../server/security/security-log";
import type { Actor } from "./actor";
import { findActorByToken } from "./api-tokens";
import { clientKey, normalizeAddress, peerAddress } from "./client-address";
import { findActorBySessionToken, sessionCookieName } from "./session";

/** Invalid bearer tokens a client may send in a 15-minute window before it is answered 429 without a lookup. */
export const INVALID_TOKENS_PER_CLIENT: RateLimit = { limit: 20, windowSeconds: 15 * 60 };

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
  if (auth) return findBearerActor(tx, req, auth);
  return findActorBySessionToken(tx, cookie(req.headers.get("cookie"), sessionCookieName()));
}

/**
 * A bearer token's actor. Invalid tokens are counted per client (its address; unknown addresses are
 * not counted, since they would all share one counter), and a client over the limit is refused
 * before its token is even looked up, a valid one included.
 */
async function findBearerActor(tx: Reader, req: Request, auth: string): Promise<Actor | null> {
  const address = clientAddress(req);
  const key = address ? `token:client:${clientKey(address)}` : null;
  const refuse = (retryAfterSeconds: number) => {
    throw new AppError("RATE_LIMITED", "Too many invalid tokens. Try again later.", { retryAfterSeconds });
  };
  if (key) {
    const wait = await retryAfter(tx, key, INVALID_TOKENS_PER_CLIENT);
    if (wait > 0) refuse(wait);
  }
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  const actor = match ? await findActorByToken(database().sql, match[1]!) : null;
  if (actor) return actor;
  logSecurityEvent("token.refused", { clientAddress: address, requestId: requestId(req), detail: { path: new URL(req.url).pathname } });
  if (key) {
    const { retryAfterSeconds } = await countAttempt(tx, key, INVALID_TOKENS_PER_CLIENT);
    if (retryAfterSeconds > 0) refuse(retryAfterSeconds);
  }
  return null;
}

/**
 * The client's address, for rate limits and the security log. Behind a proxy (TRUST_PROXY=1) it is
 * the last hop the proxy appended to X-Forwarded-For; otherwise the connection's own address, as
 * scripts/serve.mjs vouches for it (client-address.ts). Null when neither is known: served by plain
 * `next start`, where every header is the client's word.
 */
export function clientAddress(req: { headers: Pick<Headers, "get"> }): string | null {
  if (process.env.TRUST_PROXY === "1") {
    const hop = req.headers.get("x-forwarded-for")?.split(",").at(-1);
    const address = hop ? normalizeAddress(hop) : null;
    if (address) return address;
  }
  return peerAddress(req);
}
