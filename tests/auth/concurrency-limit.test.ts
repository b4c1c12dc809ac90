import { expect, test } from "vitest";
import { concurrencyLimit } from "@/src/auth/concurrency-limit";

// Password hashes at N = 2^17 hold 128 MiB each while they run: the limit bounds how many run at once.
test("at most `max` tasks run at once; the others run in turn, and every result and error comes back", async () => {
  const limited = concurrencyLimit(2);
  let running = 0;
  let most = 0;
  const order: number[] = [];
  const task = (i: number) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    order.push(i);
    if (i === 3) throw new Error("task 3 failed");
    return i * 10;
  };
  const results = await Promise.allSettled([0, 1, 2, 3, 4, 5, 6].map((i) => limited(task(i))));
  expect(most).toBe(2);
  expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([0, 10, 20, "task 3 failed", 40, 50, 60]);
  expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  // A failure gives its place back: the limiter still runs two at a time afterwards.
  most = 0;
  await Promise.all([7, 8, 9].map((i) => limited(task(i))));
  expect(most).toBe(2);
});
