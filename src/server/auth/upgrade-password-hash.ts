import { hashPassword, needsRehash } from "../../auth/password";
import type { Reader } from "../db";

/**
 * After a successful sign-in, while the password is at hand: a hash made with weaker parameters
 * than today's is replaced by a new one. Only if it is still the stored hash, so that a password
 * changed meanwhile is never overwritten.
 */
export async function upgradePasswordHash(tx: Reader, userId: string, storedHash: string, password: string): Promise<void> {
  if (!needsRehash(storedHash)) return;
  const passwordHash = await hashPassword(password);
  await tx.user.updateMany({ where: { id: userId, passwordHash: storedHash }, data: { passwordHash } });
}
