// Fixed-window attempt counters kept in the database, so that every app instance sees the same
// count: in-memory counters would let an attacker spread guesses across instances.
import type { Reader } from "./db";

export type RateLimit = { limit: number; windowSeconds: number };

/**
 * Counts one attempt before it is checked, atomically, and answers the seconds until the key may
 * try again (0: this attempt may go ahead). Counting first is what holds under parallel guesses:
 * of N attempts sent at once, only the first `limit` to be counted are checked at all.
 */
export async function countAttempt(tx: Reader, key: string, rule: RateLimit, now = new Date()): Promise<number> {
  const windowOpen = new Date(now.getTime() - rule.windowSeconds * 1000);
  const [row] = await tx.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitCounter" ("key", "count", "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowOpen} THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowOpen} THEN ${now} ELSE "RateLimitCounter"."windowStart" END
    RETURNING "count", "windowStart"`;
  if (!row || row.count <= rule.limit) return 0;
  const reopensAt = row.windowStart.getTime() + rule.windowSeconds * 1000;
  return Math.max(1, Math.ceil((reopensAt - now.getTime()) / 1000));
}

/** A success forgives the attempts counted before it. */
export async function clearAttempts(tx: Reader, key: string): Promise<void> {
  await tx.rateLimitCounter.deleteMany({ where: { key } });
}
