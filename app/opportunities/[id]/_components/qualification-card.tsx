"use client";

// The deal's answers to the qualification questions of its process version, by stage: the stages it
// has reached first, later stages folded away (a rep may know an answer early). Each answer is edited
// in place like the deal's fields, at the deal's version (docs/rules/sales-process.md#qualification-answers).
import {
  answerField,
  MAX_TEXT_ANSWER,
  type AnswerQuestion,
  type QualificationAnswer,
  type QualificationAnswers,
  type QuestionGroup,
} from "@/src/domain/process/qualification-answers";
import { Badge } from "@/src/ui/badge";
import { Card } from "@/src/ui/card";
import { answerText } from "../../_lib/format";
import { numberOrNull } from "../../_lib/problems";
import { useDeal } from "./deal-context";
import { InlineField, type InlineFieldProps } from "./inline-field";

type Props = { reached: QuestionGroup[]; later: QuestionGroup[]; answers: QualificationAnswers };

const isAnswered = (answers: QualificationAnswers, q: AnswerQuestion) => answers[q.key] !== undefined;

export function QualificationCard({ reached, later, answers }: Props) {
  const { canEdit } = useDeal();
  const questions = [...reached, ...later].flatMap((g) => g.questions);
  const answered = questions.filter((q) => isAnswered(answers, q)).length;
  const laterCount = later.reduce((n, g) => n + g.questions.length, 0);
  // Folded unless the deal has reached no asking stage yet, or a later answer is already given.
  const showLater = reached.length === 0 || later.some((g) => g.questions.some((q) => isAnswered(answers, q)));
  return (
    <Card
      id="qualification"
      className="scroll-mt-24"
      title="Qualification"
      description={`${answered} of ${questions.length} ${questions.length === 1 ? "question" : "questions"} answered.${canEdit ? " Select the pencil beside a question to answer it." : ""}`}
      flush
    >
      {reached.map((group) => (
        <StageQuestions key={group.stageKey} group={group} answers={answers} />
      ))}
      {later.length ? (
        <details open={showLater} className="group border-t border-line first:border-t-0">
          <summary className="cursor-pointer rounded-md px-5 py-3 text-sm font-medium text-ink-muted hover:text-ink focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent">
            Later stages: {laterCount} {laterCount === 1 ? "question" : "questions"}
          </summary>
          {later.map((group) => (
            <StageQuestions key={group.stageKey} group={group} answers={answers} />
          ))}
        </details>
      ) : null}
    </Card>
  );
}

function StageQuestions({ group, answers }: { group: QuestionGroup; answers: QualificationAnswers }) {
  const heading = `qualification-${group.stageKey}`;
  return (
    <section aria-labelledby={heading} className="border-t border-line px-5 pt-3 pb-1 first:border-t-0">
      <h3 id={heading} className="text-xs font-semibold tracking-wide text-ink-muted uppercase">
        {group.stageName}
      </h3>
      <dl className="divide-y divide-line">
        {group.questions.map((q) => (
          <InlineField key={q.key} {...answerRow(q, answers[q.key])} />
        ))}
      </dl>
    </section>
  );
}

const unanswered = <Badge tone="warning">Not answered</Badge>;

function shown(q: AnswerQuestion, answer: QualificationAnswer) {
  const text = answerText(q.answer, answer);
  if (q.answer === "number") return <span className="tabular-nums">{text}</span>;
  return q.answer === "text" ? <span className="whitespace-pre-line">{text}</span> : text;
}

/** The question as an in-place field: its editor by answer kind; an emptied editor clears the answer. */
function answerRow(q: AnswerQuestion, answer: QualificationAnswer | undefined): InlineFieldProps {
  const payload = (value: QualificationAnswer | null) => ({ qualificationAnswers: { [q.key]: value } });
  const base = {
    field: answerField(q.key),
    label: q.label,
    value: answer === undefined ? "" : String(answer),
    display: answer === undefined ? unanswered : shown(q, answer),
  };
  switch (q.answer) {
    case "text":
      return { ...base, editor: { kind: "textarea", maxLength: MAX_TEXT_ANSWER }, toPayload: (v) => payload(v.trim() ? v : null) };
    case "number":
      return { ...base, editor: { kind: "number" }, toPayload: (v) => payload(numberOrNull(v)) };
    case "date":
      return { ...base, editor: { kind: "date" }, toPayload: (v) => payload(v || null) };
    case "yes_no":
      return {
        ...base,
        editor: {
          kind: "radio",
          options: [
            { value: "true", label: "Yes" },
            { value: "false", label: "No" },
            { value: "", label: "Not answered" },
          ],
        },
        toPayload: (v) => payload(v === "" ? null : v === "true"),
      };
  }
}
