// Browser sessions kept on the server: one UserSession row per sign-in, named by the cookie's `sid`
// claim. The cookie alone proves nothing: a request is signed in only while its row exists, is
// younger than the lifetime and was used within the idle timeout, and its user is active. Ending a
// session is deleting its row, which takes effect on the very next request (docs/security.md).
import crypto from "node:crypto";
import type { Reader, Sql } from "../server/db";
import type { Actor } from "./actor";
import { toActor } from "./load-actor";

/** Absolute: a session ends this long after sign-in, however often its cookie is renewed. */
export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;
/** Idle: a session unused for this long ends. */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
/** Use is recorded at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 60_000;

const idleSince = (now: Date) => new Date(now.getTime() - SESSION_IDLE_SECONDS * 1000);

export type LiveSession = { sessionId: string; actor: Actor };

/** A new session for a user who has just proved who they are. */
export async function startSession(q: Sql, userId: string, now = new Date()): Promise<{ id: string; expiresAt: Date }> {
  const id = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_SECONDS * 1000);
  // The user's sessions that ended by time go when a new one starts, so the table stays small.
  await q
    .deleteFrom("UserSession")
    .where("userId", "=", userId)
    .where((eb) => eb.or([eb("expiresAt", "<=", now), eb("lastSeenAt", "<=", idleSince(now))]))
    .execute();
  await q.insertInto("UserSession").values({ id, userId, createdAt: now, expiresAt, lastSeenAt: now }).execute();
  return { id, expiresAt };
}

/**
 * The session named by a decoded cookie's claims and its actor, or null when the session was
 * ended, has expired or idled out, names another user, or the user is inactive.
 */
export async function findLiveSession(tx: Reader, claims: { sub?: unknown; sid?: unknown }, now = new Date()): Promise<LiveSession | null> {
  if (typeof claims.sid !== "string" || typeof claims.sub !== "string") return null;
  const row = await tx.userSession.findUnique({
    where: { id: claims.sid },
    include: { user: { include: { managedTeams: { select: { id: true } } } } },
  });
  if (!row || row.userId !== claims.sub || !row.user.active) return null;
  if (row.expiresAt <= now || row.lastSeenAt <= idleSince(now)) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await tx.userSession.updateMany({ where: { id: row.id, lastSeenAt: { lt: now } }, data: { lastSeenAt: now } });
  }
  return { sessionId: row.id, actor: toActor(row.user) };
}

/** Ends one session (sign-out). */
export async function endSession(q: Sql, sessionId: string): Promise<void> {
  await q.deleteFrom("UserSession").where("id", "=", sessionId).execute();
}

/** Ends every session of a user but `except`, and answers how many were open. */
export async function endUserSessions(q: Sql, userId: string, options: { except?: string } = {}): Promise<number> {
  let query = q.deleteFrom("UserSession").where("userId", "=", userId);
  if (options.except) query = query.where("id", "!=", options.except);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
