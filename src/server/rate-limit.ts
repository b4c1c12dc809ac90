// Fixed-window failure counters kept in the database, so that every app instance sees the same
// count: in-memory counters would let an attacker spread guesses across instances.
import type { Reader } from "./db";

export type RateLimit = { limit: number; windowSeconds: number };

/** Seconds until the key may try again, or 0 if it is not limited. */
export async function retryAfterSeconds(tx: Reader, key: string, rule: RateLimit, now = new Date()): Promise<number> {
  const row = await tx.rateLimitCounter.findUnique({ where: { key } });
  if (!row || row.count < rule.limit) return 0;
  const reopensAt = row.windowStart.getTime() + rule.windowSeconds * 1000;
  return reopensAt > now.getTime() ? Math.ceil((reopensAt - now.getTime()) / 1000) : 0;
}

/** Counts one failure, atomically: concurrent failures on several instances all count. */
export async function recordFailure(tx: Reader, key: string, rule: RateLimit, now = new Date()): Promise<void> {
  const windowOpen = new Date(now.getTime() - rule.windowSeconds * 1000);
  await tx.$executeRaw`
    INSERT INTO "RateLimitCounter" ("key", "count", "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowOpen} THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowOpen} THEN ${now} ELSE "RateLimitCounter"."windowStart" END`;
}

export async function clearFailures(tx: Reader, key: string): Promise<void> {
  await tx.rateLimitCounter.deleteMany({ where: { key } });
}
