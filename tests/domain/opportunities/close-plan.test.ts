// The close plan (docs/rules/deal-tracking.md, "The close plan"): steps worked back from the target
// decision date, each with an owner and a due date.
import { describe, expect, test } from "vitest";
import { arrangeClosePlan, isPlanStepReady, suggestClosePlan, type PlanStep } from "@/src/domain/opportunities/close-plan";

const step = (id: string, title: string, dueDate: string | null, done = false): PlanStep & { owner: string } => ({
  id,
  title,
  dueDate,
  done,
  owner: `owner-${id}`,
});

const CLOSE = "2024-06-30";
const TODAY = "2024-06-10";

describe("the close plan is shown in due order", () => {
  test("steps are sorted by due date, steps without a date last, ties by title", () => {
    const steps = [
      step("a", "Signature", "2024-06-30"),
      step("b", "No date yet", null),
      step("c", "Security review", "2024-06-14"),
      step("d", "Legal review", "2024-06-20"),
      step("e", "Business case", "2024-06-14"),
      step("f", "Another undated", null),
    ];
    expect(arrangeClosePlan(steps, CLOSE, TODAY).map((s) => s.id)).toEqual(["e", "c", "d", "a", "f", "b"]);
  });

  test("arranging leaves the input untouched and keeps each step's own fields", () => {
    const steps = [step("a", "Late", "2024-06-30"), step("b", "Early", "2024-06-01")];
    const arranged = arrangeClosePlan(steps, CLOSE, TODAY);
    expect(steps.map((s) => s.id)).toEqual(["a", "b"]);
    expect(arranged[0]).toMatchObject({ id: "b", owner: "owner-b", title: "Early" });
  });

  test("on a closed deal no step is overdue: the plan is history", () => {
    const steps = [step("a", "Missed", "2024-06-01"), step("b", "Ahead", "2024-06-25")];
    expect(arrangeClosePlan(steps, CLOSE, TODAY).map((s) => s.isOverdue)).toEqual([true, false]);
    expect(arrangeClosePlan(steps, CLOSE, null).map((s) => s.isOverdue)).toEqual([false, false]);
  });

  test("each step says how many days it sits before the decision", () => {
    const arranged = arrangeClosePlan(
      [step("a", "Early", "2024-06-20"), step("b", "On the day", CLOSE), step("c", "Late", "2024-07-02"), step("d", "Undated", null)],
      CLOSE,
      TODAY,
    );
    expect(arranged.map((s) => [s.id, s.daysBeforeDecision])).toEqual([
      ["a", 10],
      ["b", 0],
      ["c", -2],
      ["d", null],
    ]);
  });
});

describe("a step due after the decision date is flagged", () => {
  test("isAfterDecision holds only for a due date later than the close date", () => {
    const arranged = arrangeClosePlan(
      [step("a", "Before", "2024-06-29"), step("b", "On", CLOSE), step("c", "After", "2024-07-01"), step("d", "Undated", null)],
      CLOSE,
      TODAY,
    );
    expect(arranged.map((s) => [s.id, s.isAfterDecision])).toEqual([
      ["a", false],
      ["b", false],
      ["c", true],
      ["d", false],
    ]);
  });
});

describe("an open step past its due date is overdue; done steps never are", () => {
  test("isOverdue holds for a step not done and due before today", () => {
    const arranged = arrangeClosePlan(
      [
        step("a", "Due yesterday", "2024-06-09"),
        step("b", "Due today", TODAY),
        step("c", "Due tomorrow", "2024-06-11"),
        step("d", "Undated", null),
        step("e", "Done long ago", "2024-05-01", true),
      ],
      CLOSE,
      TODAY,
    );
    expect(arranged.map((s) => [s.id, s.isOverdue])).toEqual([
      ["e", false],
      ["a", true],
      ["b", false],
      ["c", false],
      ["d", false],
    ]);
  });
});

describe("the suggested close plan works back from the decision date, never before today", () => {
  test("with time to spare, the steps fall 35, 28, 21, 10, 5 and 0 days before the close date", () => {
    const plan = suggestClosePlan("2024-07-31", "2024-05-01");
    expect(plan.map((s) => s.dueDate)).toEqual(["2024-06-26", "2024-07-03", "2024-07-10", "2024-07-21", "2024-07-26", "2024-07-31"]);
    expect(plan.at(-1)).toEqual({ title: "Contract signed", dueDate: "2024-07-31" });
    for (const s of plan) expect(s.title.trim()).not.toBe("");
  });

  test("steps that would fall before today are due today, and the plan still ends on the close date", () => {
    const plan = suggestClosePlan("2024-05-20", "2024-05-01");
    expect(plan.map((s) => s.dueDate)).toEqual(["2024-05-01", "2024-05-01", "2024-05-01", "2024-05-10", "2024-05-15", "2024-05-20"]);
  });

  test("a close date of today puts every step today", () => {
    expect(suggestClosePlan("2024-05-01", "2024-05-01").map((s) => s.dueDate)).toEqual(Array(6).fill("2024-05-01"));
  });

  test("the suggested steps are in due order", () => {
    const dates = suggestClosePlan("2024-12-31", "2024-12-01").map((s) => s.dueDate);
    expect(dates).toEqual([...dates].sort());
  });
});

describe("a step counts toward the plan criterion with an owner and a due date", () => {
  test.each([
    ["one of us, with a due date", { ownerUserId: "rep-1", ownerName: "", dueDate: "2024-06-14" }, true],
    ["a person at the buyer, with a due date", { ownerUserId: null, ownerName: "Priya (buyer's legal)", dueDate: "2024-06-14" }, true],
    ["an owner but no due date", { ownerUserId: "rep-1", ownerName: "", dueDate: null }, false],
    ["a due date but no owner", { ownerUserId: null, ownerName: "", dueDate: "2024-06-14" }, false],
    ["a blank name is no owner", { ownerUserId: null, ownerName: "   ", dueDate: "2024-06-14" }, false],
  ])("%s: %s", (_, step, expected) => {
    expect(isPlanStepReady(step)).toBe(expected);
  });
});
