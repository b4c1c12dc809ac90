// When the outbox tries a message again (docs/outbox.md, "Retries"): exponential backoff with full
// jitter, so that receivers coming back after an outage are not hit by every waiting message at
// once, for at least `retryForMs` after the first try. The first failure after that is the last try.

export type RetrySchedule = {
  /** The first retry waits up to this long; each further one up to twice as long as the one before. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** Retries go on at least this long after the first try. */
  retryForMs: number;
};

/** Waits of up to 30 s, 1 min, 2 min… then up to 2 h, for a day: about 30 tries in all. */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  baseDelayMs: 30_000,
  maxDelayMs: 2 * 60 * 60_000,
  retryForMs: 24 * 60 * 60_000,
};

export type FailedTry = {
  /** Tries made so far, the one that just failed included (1 after the first). */
  attempts: number;
  firstAttemptAt: Date;
  now: Date;
  /** The receiver refused the message itself (a 4xx, an SMTP 5xx): trying again changes nothing. */
  permanent?: boolean;
};

export type AfterFailure = { retry: true; at: Date } | { retry: false };

/** The longest wait after the `attempts`-th failed try: base × 2^(attempts−1), capped. */
export function maxDelayAfter(schedule: RetrySchedule, attempts: number): number {
  // 2^52 × any base already exceeds every sensible cap; the bound keeps the power finite.
  return Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** Math.min(Math.max(attempts - 1, 0), 52));
}

/**
 * `random` is uniform in [0, 1): the full jitter draws the whole wait from it. A tenth of the base
 * delay is the shortest wait, so that even unlucky draws move the clock towards the last try.
 */
export function afterFailure(failed: FailedTry, schedule: RetrySchedule, random: () => number = Math.random): AfterFailure {
  if (failed.permanent) return { retry: false };
  if (failed.now.getTime() - failed.firstAttemptAt.getTime() >= schedule.retryForMs) return { retry: false };
  const wait = Math.max(Math.ceil(schedule.baseDelayMs / 10), Math.floor(random() * maxDelayAfter(schedule, failed.attempts)));
  return { retry: true, at: new Date(failed.now.getTime() + wait) };
}
