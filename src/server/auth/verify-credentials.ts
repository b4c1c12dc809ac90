import type { Actor } from "../../auth/actor";
import { findActor } from "../../auth/load-actor";
import { verifyPassword } from "../../auth/password";
import { AppError } from "../../errors";
import type { Reader } from "../db";
import { clearFailures, recordFailure, retryAfterSeconds, type RateLimit } from "../rate-limit";

/** Failed attempts allowed per email, and per client address, in a 15-minute window. */
export const PER_EMAIL: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
export const PER_ADDRESS: RateLimit = { limit: 30, windowSeconds: 15 * 60 };

export type Credentials = { email: string; password: string; clientAddress: string | null };

/** Checks an email and password, counting failures; used by the sign-in page and the token API. */
export async function verifyCredentials(tx: Reader, input: Credentials, now = new Date()): Promise<Actor> {
  const email = input.email.trim().toLowerCase();
  const keys: [string, RateLimit][] = [[`signin:email:${email}`, PER_EMAIL]];
  if (input.clientAddress) keys.push([`signin:address:${input.clientAddress}`, PER_ADDRESS]);
  for (const [key, rule] of keys) {
    const wait = await retryAfterSeconds(tx, key, rule, now);
    if (wait > 0) throw new AppError("RATE_LIMITED", "Too many failed attempts. Try again later.", { retryAfterSeconds: wait });
  }
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  const actor = ok && user?.active ? await findActor(tx, user.id) : null;
  if (!actor) {
    for (const [key, rule] of keys) await recordFailure(tx, key, rule, now);
    throw new AppError("UNAUTHENTICATED", "Email or password is incorrect.");
  }
  await clearFailures(tx, keys[0]![0]);
  return actor;
}
