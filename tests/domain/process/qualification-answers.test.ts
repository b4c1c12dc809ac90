import { describe, expect, test } from "vitest";
import {
  answerKeyOf,
  answerProblem,
  firstAskedQuestions,
  planAnswers,
  questionGroups,
  readAnswers,
  type AnswerQuestion,
} from "@/src/domain/process/qualification-answers";

const questions: AnswerQuestion[] = [
  { key: "budget_allocated", label: "Is budget allocated?", answer: "yes_no" },
  { key: "budget_amount", label: "How much?", answer: "number" },
  { key: "compelling_event", label: "What is the compelling event?", answer: "text" },
  { key: "project_deadline", label: "Done by?", answer: "date" },
];

describe("answerProblem: a value must be of its question's kind", () => {
  test.each([
    ["yes_no", true, null],
    ["yes_no", "yes", "yes (true) or no (false)"],
    ["number", 0, null],
    ["number", Number.NaN, "a number"],
    ["number", "12", "a number"],
    ["text", "x".repeat(2000), null],
    ["text", "x".repeat(2001), "a text of at most 2000 characters"],
    ["text", 12, "a text of at most 2000 characters"],
    ["date", "2027-02-28", null],
    ["date", "2027-02-29", "a calendar date YYYY-MM-DD"],
    ["date", "28/02/2027", "a calendar date YYYY-MM-DD"],
  ] as const)("%s %j → %s", (kind, value, problem) => {
    expect(answerProblem(kind, value)).toBe(problem);
  });
});

describe("planAnswers", () => {
  test("merges the patch into the current answers and lists only what differs", () => {
    const plan = planAnswers(
      questions,
      { budget_allocated: true, budget_amount: 10 },
      { budget_allocated: true, budget_amount: 20, project_deadline: "2027-06-30" },
      "?",
    );
    expect(plan).toEqual({
      ok: true,
      answers: { budget_allocated: true, budget_amount: 20, project_deadline: "2027-06-30" },
      changes: { budget_amount: { from: 10, to: 20 }, project_deadline: { from: null, to: "2027-06-30" } },
    });
  });

  test("null and a blank text clear; clearing what is not answered changes nothing", () => {
    const plan = planAnswers(
      questions,
      { budget_allocated: false, compelling_event: "Audit" },
      { budget_allocated: null, compelling_event: " ", budget_amount: null },
      "?",
    );
    expect(plan).toEqual({
      ok: true,
      answers: {},
      changes: { budget_allocated: { from: false, to: null }, compelling_event: { from: "Audit", to: null } },
    });
  });

  test("a text is stored trimmed", () => {
    const plan = planAnswers(questions, {}, { compelling_event: "  Audit in March " }, "?");
    expect(plan.ok && plan.answers).toEqual({ compelling_event: "Audit in March" });
  });

  test("every refusal is listed by field, unknown keys with the caller's message", () => {
    expect(planAnswers(questions, {}, { nope: 1, budget_amount: "1", budget_allocated: true }, "not a question of this deal's process")).toEqual({
      ok: false,
      problems: [
        { field: "qualificationAnswers.nope", message: "not a question of this deal's process" },
        { field: "qualificationAnswers.budget_amount", message: "a number" },
      ],
    });
  });
});

test("readAnswers keeps only values an answer can be", () => {
  expect(readAnswers({ a: "x", b: 1, c: false, d: null, e: { x: 1 }, f: [1] })).toEqual({ a: "x", b: 1, c: false });
  expect(readAnswers(null)).toEqual({});
  expect(readAnswers([1])).toEqual({});
});

test("answerKeyOf names the question of an answer's history field, and nothing else", () => {
  expect(answerKeyOf("qualificationAnswers.budget_allocated")).toBe("budget_allocated");
  expect(answerKeyOf("amount")).toBeNull();
});

describe("questionGroups and firstAskedQuestions", () => {
  const q = (key: string): AnswerQuestion => ({ key, label: key, answer: "text" });
  const stages = [
    { key: "qualify", name: "Qualify", order: 1, questions: [q("b"), q("c")] },
    { key: "identify", name: "Identify", order: 0, questions: [] },
    { key: "propose", name: "Propose", order: 2, questions: [q("d")] },
    { key: "won", name: "Won", order: 3, questions: [] },
  ];

  test("the current stage's questions are among those reached; later stages' apart; stages without questions left out", () => {
    expect(questionGroups(stages, "qualify")).toEqual({
      reached: [{ stageKey: "qualify", stageName: "Qualify", questions: [q("b"), q("c")] }],
      later: [{ stageKey: "propose", stageName: "Propose", questions: [q("d")] }],
    });
    expect(questionGroups(stages, "identify").reached).toEqual([]);
    expect(questionGroups(stages, "won").later).toEqual([]);
  });

  test("a new deal is offered the questions of the first stage that asks any", () => {
    expect(firstAskedQuestions(stages)).toEqual({ stageKey: "qualify", stageName: "Qualify", questions: [q("b"), q("c")] });
    expect(firstAskedQuestions([{ key: "identify", name: "Identify", order: 0, questions: [] }])).toBeNull();
  });
});
