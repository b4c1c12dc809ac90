import type { Actor } from "../../auth/actor";
import { clientKey } from "../../auth/client-address";
import { findActor } from "../../auth/load-actor";
import { verifyPassword } from "../../auth/password";
import { unstorableReason } from "../../domain/text";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { database, type Reader } from "../db";
import { logSecurityEvent } from "../security/security-log";
import { admitSignIn, recordSignIn } from "./sign-in-limits";
import { upgradePasswordHash } from "./upgrade-password-hash";

export type Credentials = {
  email: string;
  password: string;
  clientAddress: string | null;
  /** For the security log: the request's id, and where the attempt came from. */
  requestId?: string;
  via?: "sign-in page" | "token API";
};

/**
 * Checks an email and password; used by the sign-in page and the token API. Every attempt is counted
 * under the sign-in limits before its password is checked (sign-in-limits.ts), logged, and written to
 * the audit log (docs/rules/audit.md), a refused one included: its entry commits on its own.
 */
export async function verifyCredentials(tx: Reader, input: Credentials, now = new Date()): Promise<Actor> {
  const email = input.email.trim().toLowerCase();
  // No account has such an e-mail, and the database would refuse to look it up (or count it).
  if (unstorableReason(email)) throw new AppError("UNAUTHENTICATED", "Email or password is incorrect.");
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
  const who = { email, userId: user?.id, clientAddress: input.clientAddress, requestId: input.requestId };
  const attempt = { email, client: input.clientAddress ? clientKey(input.clientAddress) : null, userId: user?.id ?? null };
  const audit = (action: "signin.succeeded" | "signin.failed", after: Record<string, unknown>) =>
    recordAudit(database().sql, {
      actor: { id: user?.id ?? null, email },
      action,
      object: { type: "user", id: user?.id ?? null },
      after: { method: "password", via: input.via ?? null, ...after },
      clientAddress: input.clientAddress,
      at: now,
    });
  const refused = await admitSignIn(tx, attempt, now);
  if (refused) {
    await audit("signin.failed", { reason: "rate_limited" });
    logSecurityEvent("signin.locked", { ...who, detail: { via: input.via ?? null, ...refused } }, now);
    throw new AppError("RATE_LIMITED", "Too many failed attempts. Try again later.", { retryAfterSeconds: refused.retryAfterSeconds });
  }
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  const actor = ok && user?.active ? await findActor(tx, user.id) : null;
  if (!actor) {
    const reason = !user ? "unknown_email" : !ok ? "wrong_password" : "inactive";
    logSecurityEvent("signin.failed", { ...who, detail: { via: input.via ?? null, reason } }, now);
    await audit("signin.failed", { reason });
    throw new AppError("UNAUTHENTICATED", "Email or password is incorrect.");
  }
  await recordSignIn(tx, { ...attempt, userId: actor.id }, now);
  logSecurityEvent("signin.succeeded", { ...who, detail: { via: input.via ?? null } }, now);
  await audit("signin.succeeded", {});
  if (user?.passwordHash) await upgradePasswordHash(tx, user.id, user.passwordHash, input.password);
  return actor;
}
