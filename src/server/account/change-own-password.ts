import type { Actor } from "../../auth/actor";
import { hashPassword, verifyPassword } from "../../auth/password";
import { endUserSessions } from "../../auth/user-sessions";
import { AppError } from "../../errors";
import { database, db } from "../db";
import { clearAttempts, countAttempt, type RateLimit } from "../rate-limit";
import { logSecurityEvent } from "../security/security-log";
import type { ChangePasswordInput } from "./password-input";

/** Wrong current passwords allowed per user in a window: a stolen session must not become a way to guess it. */
export const PASSWORD_CHANGE_LIMIT: RateLimit = { limit: 5, windowSeconds: 15 * 60 };

const invalid = (field: string, message: string) =>
  new AppError("VALIDATION_FAILED", "The password was not changed.", { fields: [{ field, message }] });

/**
 * Changes the actor's own password after checking the current one, and ends every other session of
 * theirs in the same transaction: whoever else knew the old password is signed out. The session
 * that made the change (`sessionId`) stays. API tokens are not sessions and keep working.
 */
export async function changeOwnPassword(
  actor: Actor,
  sessionId: string,
  input: ChangePasswordInput,
  now = new Date(),
): Promise<{ endedSessions: number }> {
  const key = `password-change:${actor.id}`;
  const { retryAfterSeconds } = await countAttempt(db(), key, PASSWORD_CHANGE_LIMIT, now);
  if (retryAfterSeconds > 0) throw new AppError("RATE_LIMITED", "Too many wrong passwords. Try again later.", { retryAfterSeconds });
  const user = await db().user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user?.passwordHash) throw invalid("currentPassword", "your account signs in through single sign-on and has no password here");
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw invalid("currentPassword", "is not your current password");
  await clearAttempts(db(), key);
  const passwordHash = await hashPassword(input.newPassword); // slow: before the transaction
  const endedSessions = await database().transaction(async (tx) => {
    await tx.updateTable("User").set({ passwordHash, mustChangePassword: false, updatedAt: now }).where("id", "=", actor.id).execute();
    return endUserSessions(tx, actor.id, { except: sessionId });
  });
  logSecurityEvent("password.changed", { userId: actor.id, detail: { endedSessions } }, now);
  return { endedSessions };
}
