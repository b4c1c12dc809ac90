"use client";

// A stage's questions (the Qualify stage's qualification questions): what a rep answers on a deal in
// the stage. Added, removed, reordered; each with its label, key (unique in the whole process) and
// the kind of answer.
import { useId, useState } from "react";
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { PlusIcon } from "@/src/ui/icons";
import { SelectField, TextInputField } from "./editor-fields";
import {
  ANSWER_KIND_LABELS,
  type EditorCatalog,
  type EditorQuestion,
  type EditorStage,
  fieldId,
  moveItem,
  newQuestion,
  rename,
  withKey,
} from "./editor-model";

type Props = {
  stage: EditorStage;
  index: number;
  catalog: EditorCatalog;
  otherKeys: (stage: number, question: number) => string[];
  onChange: (questions: EditorQuestion[]) => void;
};

export function QuestionsEditor({ stage, index, catalog, otherKeys, onChange }: Props) {
  const uid = useId();
  const [said, setSaid] = useState("");
  const list = stage.questions;
  const title = stage.name.trim() || "this stage";
  const add = () => {
    onChange([...list, newQuestion(catalog.questionAnswerKinds[0] ?? "text")]);
    setSaid(`Question ${list.length + 1} added: write it.`);
    requestAnimationFrame(() => document.getElementById(fieldId(`stages.${index}.questions.${list.length}.label`))?.focus());
  };
  const move = (i: number, by: -1 | 1) => {
    onChange(moveItem(list, i, i + by));
    setSaid(`${list[i]?.label || "The question"} moved to position ${i + by + 1} of ${list.length}.`);
    requestAnimationFrame(() => document.getElementById(`${uid}-${list[i]?._id}-${by < 0 ? "up" : "down"}`)?.focus());
  };

  return (
    <Card title={`Questions in ${title}`} description="What a rep answers on a deal in this stage, such as the qualification questions of Qualify.">
      <div className="space-y-4">
        {list.length === 0 ? (
          <p className="rounded-lg border border-dashed border-line-strong px-3 py-4 text-[13px] text-ink-muted">
            No questions in {title}. Add one to have reps record its answer on their deals.
          </p>
        ) : (
          <ol className="space-y-3">
            {list.map((q, i) => {
              const at = (name: string) => `stages.${index}.questions.${i}.${name}`;
              const name = q.label.trim() || `question ${i + 1}`;
              const set = (next: EditorQuestion) => onChange(list.map((x, j) => (j === i ? next : x)));
              return (
                <li key={q._id}>
                  <fieldset className="rounded-lg border border-line p-4">
                    <legend className="px-1 text-[13px] font-semibold text-ink">
                      {i + 1}. {q.label.trim() || "New question"}
                    </legend>
                    <div className="grid gap-3 sm:grid-cols-2">
                      <TextInputField
                        path={at("label")}
                        label="Question"
                        className="sm:col-span-2"
                        maxLength={200}
                        value={q.label}
                        onChange={(label) => set(rename(q, label, otherKeys(index, i), "label"))}
                      />
                      <TextInputField
                        path={at("key")}
                        label="Key"
                        mono
                        maxLength={64}
                        value={q.key}
                        hint={q._autoKey ? "Made from the question until you change it; unique in the process." : "Unique in the process."}
                        onChange={(key) => set(withKey(q, key))}
                      />
                      <SelectField
                        path={at("answer")}
                        label="Answer"
                        value={q.answer}
                        options={catalog.questionAnswerKinds.map((k) => [k, ANSWER_KIND_LABELS[k] ?? k] as const)}
                        onChange={(answer) => set({ ...q, answer })}
                      />
                    </div>
                    <div className="mt-3 flex flex-wrap justify-end gap-1">
                      <Button
                        id={`${uid}-${q._id}-up`}
                        size="sm"
                        variant="ghost"
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                        aria-label={`Move ${name} up`}
                      >
                        Move up
                      </Button>
                      <Button
                        id={`${uid}-${q._id}-down`}
                        size="sm"
                        variant="ghost"
                        disabled={i === list.length - 1}
                        onClick={() => move(i, 1)}
                        aria-label={`Move ${name} down`}
                      >
                        Move down
                      </Button>
                      <Button
                        size="sm"
                        variant="danger"
                        onClick={() => {
                          onChange(list.filter((_, j) => j !== i));
                          setSaid(`${q.label || "The question"} removed.`);
                        }}
                        aria-label={`Remove ${name}`}
                      >
                        Remove
                      </Button>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
        )}
        <Button variant="secondary" onClick={add} disabled={list.length >= 30}>
          <PlusIcon className="size-4" />
          Add question
        </Button>
        <p aria-live="polite" className="sr-only">
          {said}
        </p>
      </div>
    </Card>
  );
}
