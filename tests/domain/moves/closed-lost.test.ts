// Closed Lost and re-opening start at the second stage; a loss says why, to whom and what was missing,
// "none" being an answer and a blank not. The engine, the board and the deal page all ask these.
import { describe, expect, test } from "vitest";
import { canCloseLost, canDisqualify, canReopenInto, firstQualifiedStage, isNone, lostFieldProblems, NONE } from "@/src/domain/moves/closed-lost";
import { processVersion, standardB2B } from "../support";
import { SIX_STEPS } from "@/src/domain/process/templates/six-steps";

const P = standardB2B();
const stage = (key: string) => P.stages.find((s) => s.key === key)!;
const OPEN = ["identify", "qualify", "propose", "negotiate", "finalize"];

describe("Closed Lost and re-opening start at the second stage", () => {
  test.each(OPEN.map((key, i) => [key, i >= 1] as const))("a deal in %s may be closed lost: %s", (key, expected) => {
    expect(canCloseLost(stage(key))).toBe(expected);
  });

  test.each(OPEN.map((key, i) => [key, i === 0] as const))("a deal in %s is disqualified instead: %s", (key, expected) => {
    expect(canDisqualify(stage(key))).toBe(expected);
  });

  test("a closed deal is neither closed lost again nor disqualified", () => {
    for (const key of ["closed_won", "closed_lost"]) {
      expect(canCloseLost(stage(key))).toBe(false);
      expect(canDisqualify(stage(key))).toBe(false);
    }
  });

  test.each([...OPEN.map((key, i) => [key, i >= 1] as const), ["closed_won", false] as const, ["closed_lost", false] as const])(
    "a lost deal re-opens into %s: %s",
    (key, expected) => {
      expect(canReopenInto(stage(key))).toBe(expected);
    },
  );

  test("the stage named in the messages is the second one of each process", () => {
    expect(firstQualifiedStage(P.stages)?.name).toBe("Qualify");
    expect(firstQualifiedStage(processVersion(SIX_STEPS).stages)?.key).toBe(processVersion(SIX_STEPS).stages[1]!.key);
  });
});

describe("a loss says why, to whom and what was missing; none may be blank", () => {
  const REQUIRED = "required (write none when there is none)";
  const ALL = { reasonCategory: "price", explanation: "Budget capped below our floor", competitor: NONE, missingFunctionality: NONE };

  test("every field answered, even with none, is complete", () => {
    expect(lostFieldProblems(ALL)).toEqual([]);
  });

  test("nothing sent names all four fields, in the form's order", () => {
    expect(lostFieldProblems(undefined)).toEqual(
      ["reasonCategory", "explanation", "competitor", "missingFunctionality"].map((k) => ({ field: `lost.${k}`, message: REQUIRED })),
    );
  });

  test.each([
    [{ explanation: "" }, ["lost.explanation"]],
    [{ competitor: "   " }, ["lost.competitor"]],
    [{ reasonCategory: "", missingFunctionality: "\n" }, ["lost.reasonCategory", "lost.missingFunctionality"]],
  ])("blank %j names exactly those fields", (blanks, fields) => {
    expect(lostFieldProblems({ ...ALL, ...blanks }).map((p) => p.field)).toEqual(fields);
  });

  test.each([
    ["none", true],
    [" None ", true],
    ["NONE", true],
    ["nobody", false],
    ["", false],
  ])("%j reads as none: %s", (answer, expected) => {
    expect(isNone(answer)).toBe(expected);
  });
});

describe("the loss category", () => {
  const full = { reasonCategory: "price", explanation: "Too dear", competitor: "none", missingFunctionality: "none" };

  test("is one of the categories in use", () => {
    expect(lostFieldProblems(full, ["price", "timing"])).toEqual([]);
    expect(lostFieldProblems({ ...full, reasonCategory: "weather" }, ["price", "timing"])).toEqual([
      { field: "lost.reasonCategory", message: "one of the loss categories: price, timing" },
    ]);
  });

  test("a retired category is no longer chosen", () => {
    expect(lostFieldProblems({ ...full, reasonCategory: "timing" }, ["price"])).toHaveLength(1);
  });

  test("without a list, any category is taken (the engine's callers pass the list)", () => {
    expect(lostFieldProblems({ ...full, reasonCategory: "weather" })).toEqual([]);
  });
});
