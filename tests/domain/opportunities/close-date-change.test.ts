// "The target decision date cannot change silently" (docs/rules/deal-tracking.md): a later date is a push and needs
// a reason; every change keeps the old and new date and the slip in days.
import { describe, expect, test } from "vitest";
import { isCloseDatePush, planCloseDateChange } from "@/src/domain/opportunities/close-date-change";

const REFUSED = { ok: false, field: "reason", message: "moving the close date later needs a reason" };

describe("pushing the close date later", () => {
  test.each([undefined, "", "   ", "\n"])("a later date without a reason (%j) is refused on the reason field", (reason) => {
    expect(planCloseDateChange("2024-06-30", "2024-07-31", reason)).toEqual(REFUSED);
  });

  test("a later date with a reason is a push, with the days slipped", () => {
    expect(planCloseDateChange("2024-06-30", "2024-07-31", "Budget moved to Q3")).toEqual({
      ok: true,
      changed: true,
      oldDate: "2024-06-30",
      newDate: "2024-07-31",
      slipDays: 31,
      isPush: true,
      reason: "Budget moved to Q3",
    });
  });

  test("the reason is kept trimmed", () => {
    expect(planCloseDateChange("2024-06-30", "2024-07-01", "  Legal review  ")).toMatchObject({ reason: "Legal review", slipDays: 1 });
  });

  test("slip days count calendar days across a leap day and a year end", () => {
    expect(planCloseDateChange("2024-02-28", "2024-03-01", "x")).toMatchObject({ slipDays: 2, isPush: true });
    expect(planCloseDateChange("2023-12-31", "2024-01-01", "x")).toMatchObject({ slipDays: 1, isPush: true });
    expect(planCloseDateChange("2024-03-30", "2024-04-02", "x")).toMatchObject({ slipDays: 3, isPush: true });
  });
});

describe("pulling the close date earlier", () => {
  test("an earlier date without a reason is allowed, is not a push, and slips negatively", () => {
    expect(planCloseDateChange("2024-06-30", "2024-06-16", undefined)).toEqual({
      ok: true,
      changed: true,
      oldDate: "2024-06-30",
      newDate: "2024-06-16",
      slipDays: -14,
      isPush: false,
      reason: "",
    });
  });

  test("an earlier date keeps a reason when one is given", () => {
    expect(planCloseDateChange("2024-06-30", "2024-06-29", "Signing early")).toMatchObject({ isPush: false, slipDays: -1, reason: "Signing early" });
  });
});

describe("the same date", () => {
  test.each([undefined, "", "why not"])("the same date is no change (reason %j)", (reason) => {
    expect(planCloseDateChange("2024-06-30", "2024-06-30", reason)).toEqual({ ok: true, changed: false });
  });
});

describe("a push is a close date moved later", () => {
  test.each([
    ["2024-06-30", "2024-07-01", true],
    ["2024-06-30", "2025-01-01", true],
    ["2024-06-30", "2024-06-30", false],
    ["2024-06-30", "2024-06-29", false],
  ])("%s → %s is a push: %s", (from, to, expected) => {
    expect(isCloseDatePush(from, to)).toBe(expected);
  });
});
