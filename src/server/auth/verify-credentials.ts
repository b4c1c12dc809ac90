import type { Actor } from "../../auth/actor";
import { findActor } from "../../auth/load-actor";
import { verifyPassword } from "../../auth/password";
import { AppError } from "../../errors";
import type { Reader } from "../db";
import { clearAttempts, countAttempt, type RateLimit } from "../rate-limit";
import { upgradePasswordHash } from "./upgrade-password-hash";

/** Attempts allowed per email, and per client address, in a 15-minute window (a success clears the email's). */
export const PER_EMAIL: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
export const PER_ADDRESS: RateLimit = { limit: 30, windowSeconds: 15 * 60 };

export type Credentials = { email: string; password: string; clientAddress: string | null };

/**
 * Checks an email and password; used by the sign-in page and the token API. Every attempt is counted
 * before the password is checked (see countAttempt): a success clears the account's count.
 */
export async function verifyCredentials(tx: Reader, input: Credentials, now = new Date()): Promise<Actor> {
  const email = input.email.trim().toLowerCase();
  const keys: [string, RateLimit][] = [[`signin:email:${email}`, PER_EMAIL]];
  if (input.clientAddress) keys.push([`signin:address:${input.clientAddress}`, PER_ADDRESS]);
  for (const [key, rule] of keys) {
    const wait = await countAttempt(tx, key, rule, now);
    if (wait > 0) throw new AppError("RATE_LIMITED", "Too many failed attempts. Try again later.", { retryAfterSeconds: wait });
  }
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  const actor = ok && user?.active ? await findActor(tx, user.id) : null;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Email or password is incorrect.");
  await clearAttempts(tx, keys[0]![0]);
  if (user?.passwordHash) await upgradePasswordHash(tx, user.id, user.passwordHash, input.password);
  return actor;
}
