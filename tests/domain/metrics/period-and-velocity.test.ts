import { describe, expect, test } from "vitest";
import { periodProblem, presetPeriod, ratio } from "@/src/domain/metrics/period";
import { DEFAULT_WHAT_IF, salesVelocity, whatIfVelocity } from "@/src/domain/metrics/velocity";

describe("periods", () => {
  test.each([
    ["this_quarter", "2026-12-03", { from: "2026-10-01", to: "2026-12-31" }],
    ["this_quarter", "2026-01-01", { from: "2026-01-01", to: "2026-03-31" }],
    ["this_month", "2026-02-14", { from: "2026-02-01", to: "2026-02-28" }],
    ["this_month", "2028-02-14", { from: "2028-02-01", to: "2028-02-29" }],
    ["last_quarter", "2026-12-03", { from: "2026-07-01", to: "2026-09-30" }],
    ["last_quarter", "2026-02-10", { from: "2025-10-01", to: "2025-12-31" }],
    ["this_year", "2026-06-30", { from: "2026-01-01", to: "2026-12-31" }],
  ] as const)("%s on %s", (preset, today, period) => {
    expect(presetPeriod(preset, today)).toEqual(period);
  });

  test("a range ends on or after it starts, and spans at most ten years", () => {
    expect(periodProblem({ from: "2026-01-02", to: "2026-01-01" })).toEqual({ field: "to", message: "must be on or after from" });
    expect(periodProblem({ from: "2026-01-01", to: "2026-01-01" })).toBeNull();
    expect(periodProblem({ from: "2000-01-01", to: "2026-01-01" })?.field).toBe("to");
  });

  test("a ratio of nothing is null", () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
});

describe("sales velocity", () => {
  const levers = { qualifiedDeals: 40, averageWonValue: 25_000, winRate: 0.25, averageCycleDays: 90 };

  test("deals × value × win rate ÷ cycle", () => {
    expect(salesVelocity(levers)).toBeCloseTo((40 * 25_000 * 0.25) / 90, 10);
  });

  test("unknown levers or a zero cycle give no velocity", () => {
    expect(salesVelocity({ ...levers, winRate: null })).toBeNull();
    expect(salesVelocity({ ...levers, averageCycleDays: 0 })).toBeNull();
    expect(salesVelocity({ ...levers, averageWonValue: null })).toBeNull();
  });

  test("10% more deals, 10% larger, 10% better rate and a 10% shorter cycle: about 1.48 times", () => {
    expect(whatIfVelocity(levers, DEFAULT_WHAT_IF)! / salesVelocity(levers)!).toBeCloseTo(1.1 ** 3 / 0.9, 10);
    expect(1.1 ** 3 / 0.9).toBeCloseTo(1.4789, 4);
  });

  test("a better win rate stops at 100%", () => {
    expect(whatIfVelocity({ ...levers, winRate: 0.95 }, { deals: 0, dealSize: 0, winRate: 0.5, cycle: 0 })).toBeCloseTo((40 * 25_000 * 1) / 90, 10);
  });
});
