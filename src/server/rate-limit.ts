// Fixed-window attempt counters kept in the database, so that every app instance sees the same
// count: in-memory counters would let an attacker spread guesses across instances.
import type { Reader } from "./db";

export type RateLimit = { limit: number; windowSeconds: number };

/** The key's count in its current window, this attempt included, and the seconds until it may try again (0: go ahead). */
export type Attempt = { count: number; retryAfterSeconds: number };

const secondsUntilReopen = (windowStart: Date, rule: RateLimit, now: Date) =>
  Math.max(1, Math.ceil((windowStart.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000));

/**
 * Counts one attempt before it is checked, atomically. Counting first is what holds under parallel
 * guesses: of N attempts sent at once, only the first `limit` to be counted are checked at all.
 */
export async function countAttempt(tx: Reader, key: string, rule: RateLimit, now = new Date()): Promise<Attempt> {
  const windowOpen = new Date(now.getTime() - rule.windowSeconds * 1000);
  const [row] = await tx.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitCounter" ("key", "count", "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowOpen} THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowOpen} THEN ${now} ELSE "RateLimitCounter"."windowStart" END
    RETURNING "count", "windowStart"`;
  if (!row) return { count: 0, retryAfterSeconds: 0 };
  return { count: row.count, retryAfterSeconds: row.count <= rule.limit ? 0 : secondsUntilReopen(row.windowStart, rule, now) };
}

/**
 * The seconds until `key` may try again, without counting anything: 0 while its window holds fewer
 * than `limit` attempts. For a refusal that must come before any other work.
 */
export async function retryAfter(tx: Reader, key: string, rule: RateLimit, now = new Date()): Promise<number> {
  const row = await tx.rateLimitCounter.findUnique({ where: { key } });
  const isCurrent = row && row.windowStart.getTime() > now.getTime() - rule.windowSeconds * 1000;
  return isCurrent && row.count >= rule.limit ? secondsUntilReopen(row.windowStart, rule, now) : 0;
}

/**
 * Counts an attempt only when the key has already reached its limit in its current window, and then
 * answers it as countAttempt does; null (nothing written) while the key is under its limit.
 */
export async function countIfOver(tx: Reader, key: string, rule: RateLimit, now = new Date()): Promise<Attempt | null> {
  const windowOpen = new Date(now.getTime() - rule.windowSeconds * 1000);
  const [row] = await tx.$queryRaw<{ count: number; windowStart: Date }[]>`
    UPDATE "RateLimitCounter" SET "count" = "count" + 1
    WHERE "key" = ${key} AND "count" >= ${rule.limit} AND "windowStart" > ${windowOpen}
    RETURNING "count", "windowStart"`;
  return row ? { count: row.count, retryAfterSeconds: secondsUntilReopen(row.windowStart, rule, now) } : null;
}

/** A success forgives the attempts counted before it. */
export async function clearAttempts(tx: Reader, key: string): Promise<void> {
  await tx.rateLimitCounter.deleteMany({ where: { key } });
}

/** Takes one counted attempt back: for a limit on failures, whose attempts are counted before they are known to fail. */
export async function forgiveAttempt(tx: Reader, key: string): Promise<void> {
  await tx.rateLimitCounter.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}
