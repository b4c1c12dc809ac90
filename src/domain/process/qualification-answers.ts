// The answers a rep records on a deal to the qualification questions of its process version
// (docs/rules/sales-process.md#qualification-answers): each checked against its question's answer
// kind, merged into the answers the deal already has. No zod here: the deal page's editor uses it too.
import { isCalendarDate } from "../dates";
import type { QuestionAnswerKind } from "./kinds";

/** A question as the answers see it (a published stage's `questions`). */
export type AnswerQuestion = { key: string; label: string; answer: QuestionAnswerKind };

/** text and date: a string; yes_no: a boolean; number: a number. */
export type QualificationAnswer = string | number | boolean;
export type QualificationAnswers = Record<string, QualificationAnswer>;
/** What a change sends: a value answers, null clears. */
export type AnswersPatch = Record<string, QualificationAnswer | null>;

export const MAX_TEXT_ANSWER = 2000;

/** Where an answer is named: in a refusal's fields, and among a `field_changed` history entry's changes. */
export const answerField = (key: string) => `qualificationAnswers.${key}`;

/** The question key of such a name, or null for any other field. */
export const answerKeyOf = (field: string): string | null =>
  field.startsWith("qualificationAnswers.") ? field.slice("qualificationAnswers.".length) : null;

/** Why `value` is not an answer of this kind, or null when it is. */
export function answerProblem(kind: QuestionAnswerKind, value: QualificationAnswer): string | null {
  switch (kind) {
    case "text":
      return typeof value === "string" && value.length <= MAX_TEXT_ANSWER ? null : `a text of at most ${MAX_TEXT_ANSWER} characters`;
    case "yes_no":
      return typeof value === "boolean" ? null : "yes (true) or no (false)";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "a number";
    case "date":
      return typeof value === "string" && isCalendarDate(value) ? null : "a calendar date YYYY-MM-DD";
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** The answers stored on a deal, keeping only values an answer can be (the column is JSON). */
export function readAnswers(stored: unknown): QualificationAnswers {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  return Object.fromEntries(
    Object.entries(stored).filter((entry): entry is [string, QualificationAnswer] => ["string", "number", "boolean"].includes(typeof entry[1])),
  );
}

export type AnswerChange = { from: QualificationAnswer | null; to: QualificationAnswer | null };

export type AnswersPlan =
  | { ok: true; answers: QualificationAnswers; changes: Record<string, AnswerChange> }
  | { ok: false; problems: { field: string; message: string }[] };

/**
 * The deal's answers after `patch`: each key must be one of `questions` and its value of that
 * question's kind; a blank text clears like null. `changes` lists only the answers that differ, so
 * sending what is already there changes nothing.
 */
export function planAnswers(
  questions: readonly AnswerQuestion[],
  current: QualificationAnswers,
  patch: AnswersPatch,
  unknownMessage: string,
): AnswersPlan {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const problems: { field: string; message: string }[] = [];
  const answers = { ...current };
  const changes: Record<string, AnswerChange> = {};
  for (const [key, raw] of Object.entries(patch)) {
    const question = byKey.get(key);
    const field = answerField(key);
    if (!question) {
      problems.push({ field, message: unknownMessage });
      continue;
    }
    const value = typeof raw === "string" && question.answer === "text" && raw.trim() === "" ? null : typeof raw === "string" ? raw.trim() : raw;
    const problem = value === null ? null : answerProblem(question.answer, value);
    if (problem) {
      problems.push({ field, message: problem });
      continue;
    }
    const from = current[key] ?? null;
    if (from === value) continue;
    changes[key] = { from, to: value };
    if (value === null) delete answers[key];
    else answers[key] = value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, answers, changes };
}

type AskingStage = { key: string; name: string; order: number; questions: readonly AnswerQuestion[] };
export type QuestionGroup = { stageKey: string; stageName: string; questions: AnswerQuestion[] };

/**
 * The questions by stage, in stage order, for the stages that ask any: those of the stages up to and
 * including the deal's current one (`reached`), and those of the stages after it (`later`).
 */
export function questionGroups(stages: readonly AskingStage[], currentStageKey: string): { reached: QuestionGroup[]; later: QuestionGroup[] } {
  const current = stages.find((s) => s.key === currentStageKey)?.order ?? Number.POSITIVE_INFINITY;
  const groups = [...stages]
    .sort((a, b) => a.order - b.order)
    .filter((s) => s.questions.length > 0)
    .map((s) => ({ order: s.order, group: { stageKey: s.key, stageName: s.name, questions: [...s.questions] } }));
  return {
    reached: groups.filter((g) => g.order <= current).map((g) => g.group),
    later: groups.filter((g) => g.order > current).map((g) => g.group),
  };
}

/** The questions a new deal is offered: those of the first stage that asks any (none when no stage does). */
export function firstAskedQuestions(stages: readonly AskingStage[]): QuestionGroup | null {
  const stage = [...stages].sort((a, b) => a.order - b.order).find((s) => s.questions.length > 0);
  return stage ? { stageKey: stage.key, stageName: stage.name, questions: [...stage.questions] } : null;
}
