// Stalled deals (docs/rules/deal-tracking.md): an open deal is stalled when its next step is overdue, or when it has
// sat in its stage longer than the stage's limit.
import { describe, expect, test } from "vitest";
import { isStalled, stallReasons, type StallFacts } from "@/src/domain/opportunities/stalled";

const NOW = new Date("2024-05-15T12:00:00Z"); // today is 2024-05-15
const deal = (overrides: Partial<StallFacts> = {}): StallFacts => ({
  status: "open",
  nextStepDue: "2024-05-20",
  stageEnteredAt: new Date("2024-05-10T09:00:00Z"),
  stallDays: 21,
  ...overrides,
});

describe("a next step past its due date stalls the deal", () => {
  test("a next step due yesterday is overdue", () => {
    expect(stallReasons(deal({ nextStepDue: "2024-05-14" }), NOW)).toEqual(["next_step_overdue"]);
    expect(isStalled(deal({ nextStepDue: "2024-05-14" }), NOW)).toBe(true);
  });

  test("a next step due today is not overdue", () => {
    expect(stallReasons(deal({ nextStepDue: "2024-05-15" }), NOW)).toEqual([]);
    expect(isStalled(deal({ nextStepDue: "2024-05-15" }), NOW)).toBe(false);
  });

  test("a next step due in the future, or without a due date, is not overdue", () => {
    expect(stallReasons(deal({ nextStepDue: "2024-05-16" }), NOW)).toEqual([]);
    expect(stallReasons(deal({ nextStepDue: null }), NOW)).toEqual([]);
  });

  test("today is the UTC calendar day of now, whatever the hour", () => {
    expect(stallReasons(deal({ nextStepDue: "2024-05-14" }), new Date("2024-05-15T00:00:00Z"))).toEqual(["next_step_overdue"]);
    expect(stallReasons(deal({ nextStepDue: "2024-05-15" }), new Date("2024-05-15T23:59:59Z"))).toEqual([]);
  });
});

describe("time in stage beyond the stage's limit stalls the deal", () => {
  test("exactly stallDays in the stage is not stalled", () => {
    expect(stallReasons(deal({ stageEnteredAt: new Date("2024-04-24T09:00:00Z") }), NOW)).toEqual([]);
  });

  test("one day more than stallDays is stalled", () => {
    const d = deal({ stageEnteredAt: new Date("2024-04-23T09:00:00Z") });
    expect(stallReasons(d, NOW)).toEqual(["too_long_in_stage"]);
    expect(isStalled(d, NOW)).toBe(true);
  });

  test("days in stage are counted in calendar days", () => {
    // Entered late on 2024-04-23: 21 days and a few hours ago, but 22 calendar days.
    expect(stallReasons(deal({ stageEnteredAt: new Date("2024-04-23T23:00:00Z") }), NOW)).toEqual(["too_long_in_stage"]);
  });

  test("a stage without a limit (null stallDays) never stalls by time", () => {
    expect(stallReasons(deal({ stallDays: null, stageEnteredAt: new Date("2015-01-01T00:00:00Z") }), NOW)).toEqual([]);
  });

  test("both reasons are given when both hold, next step first", () => {
    expect(stallReasons(deal({ nextStepDue: "2024-01-01", stageEnteredAt: new Date("2024-01-01T00:00:00Z"), stallDays: 1 }), NOW)).toEqual([
      "next_step_overdue",
      "too_long_in_stage",
    ]);
  });
});

describe("closed deals are never stalled", () => {
  test.each(["won", "lost", "disqualified"])("a %s deal is not stalled, however late", (status) => {
    const d = deal({ status, nextStepDue: "2020-01-01", stageEnteredAt: new Date("2020-01-01T00:00:00Z"), stallDays: 1 });
    expect(stallReasons(d, NOW)).toEqual([]);
    expect(isStalled(d, NOW)).toBe(false);
  });
});
