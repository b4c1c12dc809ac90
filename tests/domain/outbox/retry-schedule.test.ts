// The outbox's retry schedule (docs/outbox.md, "Retries"): exponential backoff with full jitter, for at
// least a day after the first try, then the message is failed.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { afterFailure, DEFAULT_RETRY_SCHEDULE, maxDelayAfter, type RetrySchedule } from "@/src/domain/outbox/retry-schedule";

const SCHEDULE: RetrySchedule = { baseDelayMs: 1_000, maxDelayMs: 60_000, retryForMs: 3_600_000 };
const FIRST = new Date("2026-03-01T10:00:00Z");
const at = (ms: number) => new Date(FIRST.getTime() + ms);

describe("the wait before the next try", () => {
  test("doubles with each failed try, up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => maxDelayAfter(SCHEDULE, n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(maxDelayAfter(SCHEDULE, 10_000)).toBe(60_000);
  });

  test("is drawn at random up to that longest wait (full jitter), never shorter than a tenth of the base", () => {
    const now = at(10_000);
    expect(afterFailure({ attempts: 3, firstAttemptAt: FIRST, now }, SCHEDULE, () => 0)).toEqual({ retry: true, at: at(10_100) });
    expect(afterFailure({ attempts: 3, firstAttemptAt: FIRST, now }, SCHEDULE, () => 0.5)).toEqual({ retry: true, at: at(12_000) });
    expect(afterFailure({ attempts: 3, firstAttemptAt: FIRST, now }, SCHEDULE, () => 0.999_999)).toEqual({ retry: true, at: at(13_999) });
  });
});

describe("the last try", () => {
  test("a failure just before the retry period ends is tried again", () => {
    expect(afterFailure({ attempts: 20, firstAttemptAt: FIRST, now: at(3_599_999) }, SCHEDULE, () => 0.5).retry).toBe(true);
  });

  test("the first failure once the retry period has passed is the last try", () => {
    expect(afterFailure({ attempts: 20, firstAttemptAt: FIRST, now: at(3_600_000) }, SCHEDULE)).toEqual({ retry: false });
  });

  test("a permanent refusal is not tried again, even on the first try", () => {
    expect(afterFailure({ attempts: 1, firstAttemptAt: FIRST, now: FIRST, permanent: true }, SCHEDULE)).toEqual({ retry: false });
  });
});

/** Every try of a message that always fails, as the schedule places them. */
function tries(schedule: RetrySchedule, random: () => number): Date[] {
  const times = [FIRST];
  for (;;) {
    const next = afterFailure({ attempts: times.length, firstAttemptAt: FIRST, now: times.at(-1)! }, schedule, random);
    if (!next.retry) return times;
    times.push(next.at);
  }
}

describe("whatever the random draws", () => {
  test("tries go on for at least the retry period, and no wait exceeds its bound", () => {
    const schedule = { ...SCHEDULE, retryForMs: 600_000 };
    const draw = fc.double({ min: 0, max: 0.999_999, noNaN: true });
    fc.assert(
      fc.property(fc.array(draw, { minLength: 1, maxLength: 20 }), (draws) => {
        let i = 0;
        const times = tries(schedule, () => draws[i++ % draws.length]).map((t) => t.getTime() - FIRST.getTime());
        const waits = times.slice(1).map((t, n) => t - times[n]);
        expect(times.at(-1)).toBeGreaterThanOrEqual(schedule.retryForMs);
        // The try before the last one was still inside the period: nothing is tried needlessly late.
        expect(times.at(-2)).toBeLessThan(schedule.retryForMs);
        expect(waits.filter((w, n) => w > maxDelayAfter(schedule, n + 1) || w < schedule.baseDelayMs / 10)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

test("the default schedule retries for a day, about 30 tries on average", () => {
  expect(DEFAULT_RETRY_SCHEDULE.retryForMs).toBeGreaterThanOrEqual(24 * 60 * 60_000);
  const times = tries(DEFAULT_RETRY_SCHEDULE, () => 0.5);
  expect(times.length).toBeGreaterThanOrEqual(25);
  expect(times.length).toBeLessThanOrEqual(40);
});
