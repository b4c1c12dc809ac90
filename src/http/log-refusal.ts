// Every 403 and 429 the app answers is a security event (src/server/security/security-log.ts), from
// the API and from server actions alike.
import { clientAddress } from "../auth/request-actor";
import { AppError } from "../errors";
import { logSecurityEvent, requestId } from "../server/security/security-log";

type Refused = { headers: Pick<Headers, "get"> };

/** Logs `error` when it is answered 403 or 429; `where` names the operation (method and path, or the action). */
export function logRefusal(error: unknown, req: Refused, userId: string | null, where: Record<string, string>): void {
  if (!(error instanceof AppError) || (error.code !== "FORBIDDEN" && error.code !== "RATE_LIMITED")) return;
  const retryAfterSeconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? null;
  logSecurityEvent(error.code === "FORBIDDEN" ? "forbidden" : "rate_limited", {
    userId,
    clientAddress: clientAddress(req),
    requestId: requestId(req),
    detail: { ...where, ...(error.code === "RATE_LIMITED" ? { retryAfterSeconds } : { message: error.message }) },
  });
}
