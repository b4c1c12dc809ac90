import { describe, expect, test } from "vitest";
import {
  cadenceProblems,
  DEFAULT_CADENCE,
  endsAfterTouch,
  isDue,
  missedConnectionsTouches,
  revisitDateProblem,
  suggestedMessage,
} from "../../../src/domain/closing/plays";

describe("Missed Connections cadence", () => {
  test("the default is +14, +30 and +60 days", () => {
    expect(DEFAULT_CADENCE).toEqual([14, 30, 60]);
    expect(cadenceProblems(DEFAULT_CADENCE)).toEqual([]);
  });

  test.each<[number[], RegExp]>([
    [[], /at least one/],
    [[1, 2, 3, 4, 5, 6, 7], /At most 6/],
    [[14, 14], /Touch 2 must come after touch 1/],
    [[30, 14], /Touch 2 must come after/],
    [[0], /Touch 1: a whole number/],
    [[1.5], /Touch 1: a whole number/],
    [[800], /Touch 1: a whole number/],
  ])("%j is refused", (cadence, problem) => {
    expect(cadenceProblems(cadence).join(" ")).toMatch(problem);
  });

  test("touches fall on the cadence's days after the start, each with a message", () => {
    const touches = missedConnectionsTouches("2026-12-03", [14, 30, 60], { contact: "Ana", account: "Envoy" });
    expect(touches.map((t) => t.dueOn)).toEqual(["2026-12-17", "2027-01-02", "2027-02-01"]);
    expect(touches[0]!.message).toMatch(/^Hi Ana, .*Envoy/);
    expect(touches[2]!.message).toContain("last note");
    expect(new Set(touches.map((t) => t.message)).size).toBe(3);
  });

  test("a message without a contact name still greets", () => {
    expect(suggestedMessage(1, 3, { contact: "", account: "Envoy" })).toMatch(/^Hi, /);
  });
});

describe("dates to revisit", () => {
  test("after today and within two years", () => {
    expect(revisitDateProblem("2026-12-03", "2026-12-03")).toMatch(/after today/);
    expect(revisitDateProblem("2026-12-01", "2026-12-03")).toMatch(/after today/);
    expect(revisitDateProblem("2026-12-04", "2026-12-03")).toBeNull();
    expect(revisitDateProblem("2028-12-02", "2026-12-03")).toBeNull();
    expect(revisitDateProblem("2028-12-04", "2026-12-03")).toMatch(/two years/);
  });
});

describe("due touches and the end of a play", () => {
  test("a touch is due from its date until recorded", () => {
    expect(isDue({ dueOn: "2026-12-03", doneAt: null }, "2026-12-02")).toBe(false);
    expect(isDue({ dueOn: "2026-12-03", doneAt: null }, "2026-12-03")).toBe(true);
    expect(isDue({ dueOn: "2026-12-01", doneAt: null }, "2026-12-03")).toBe(true);
    expect(isDue({ dueOn: "2026-12-01", doneAt: new Date() }, "2026-12-03")).toBe(false);
  });

  test("Missed Connections ends once every touch is recorded; Raise the Dead never ends by itself", () => {
    const done = { dueOn: "2026-12-01", doneAt: new Date() };
    const open = { dueOn: "2026-12-31", doneAt: null };
    expect(endsAfterTouch("missed_connections", [done, open])).toBe(false);
    expect(endsAfterTouch("missed_connections", [done, done])).toBe(true);
    expect(endsAfterTouch("raise_the_dead", [done])).toBe(false);
  });
});
