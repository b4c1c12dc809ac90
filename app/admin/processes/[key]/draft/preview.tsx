"use client";

// The draft as a rep will see it on a deal in the selected stage: the stage path, the checklist of
// exit criteria to leave it (none met yet), the questions to answer, and the stage's guidance (the
// deal page's own StagePath, CriterionStatus and StageGuidance; the checklist, wired to a real deal
// on the deal page, is drawn here in its compact read-only form).
import { StageGuidance } from "@/app/opportunities/[id]/_components/stage-guidance";
import { CriterionStatus } from "@/app/opportunities/_kit/criterion-status";
import { CONTACT_ROLE_LABELS, FILE_KIND_LABELS } from "@/app/opportunities/_lib/labels";
import type { StageView } from "@/src/server/opportunity-page/get-opportunity-page";
import { StagePath } from "@/src/ui/stage-path";
import { ANSWER_KIND_LABELS, describeCriterion, type EditorStage } from "./editor-model";

export function Preview({ stages, selected }: { stages: EditorStage[]; selected: number | null }) {
  const stage = selected === null ? undefined : stages[selected];
  const name = (s: EditorStage) => s.name.trim() || "Unnamed stage";
  return (
    <section aria-labelledby="preview-heading" className="min-w-0 space-y-4">
      <div>
        <h2 id="preview-heading" className="text-[15px] font-semibold text-ink">
          Preview
        </h2>
        <p className="text-[13px] text-ink-muted">As a rep sees a deal {stage ? `in ${name(stage)}` : "of this process"}.</p>
      </div>
      <div className="rounded-card border border-line bg-surface p-4 shadow-card">
        {stages.length ? (
          <StagePath
            label="Stage path preview"
            steps={stages.map((s, i) => ({
              key: s._id,
              name: name(s),
              state: selected === null ? "todo" : i < selected ? "done" : i === selected ? "current" : "todo",
            }))}
          />
        ) : (
          <p className="text-[13px] text-ink-muted">No stages to show yet.</p>
        )}
      </div>
      {stage ? (
        <>
          <section
            aria-labelledby="preview-checklist-heading"
            className="rounded-card border border-line bg-surface shadow-card"
            data-testid="checklist-preview"
          >
            <header className="border-b border-line px-4 py-3">
              <h3 id="preview-checklist-heading" className="text-sm font-semibold text-ink">
                Exit criteria to leave {name(stage)}
              </h3>
              <p className="mt-1 text-[13px] text-ink-muted">
                <span className="font-medium text-ink">0 of {stage.exitCriteria.length}</span> met
              </p>
            </header>
            {stage.exitCriteria.length === 0 ? (
              <p className="px-4 py-4 text-[13px] text-ink-muted">{name(stage)} has no exit criteria: the deal may move on whenever it is ready.</p>
            ) : (
              <ul className="divide-y divide-line">
                {stage.exitCriteria.map((c) => (
                  <li key={c._id} className="flex gap-3 px-4 py-3">
                    <CriterionStatus met={false} />
                    <div className="min-w-0">
                      <p className="text-sm font-medium text-ink">{c.label.trim() || <span className="text-ink-muted italic">No label yet</span>}</p>
                      <p className="text-[13px] text-ink-muted">{describeCriterion(c, CONTACT_ROLE_LABELS, FILE_KIND_LABELS)}</p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {stage.questions.length ? (
            <section
              aria-labelledby="preview-questions-heading"
              className="rounded-card border border-line bg-surface shadow-card"
              data-testid="questions-preview"
            >
              <h3 id="preview-questions-heading" className="border-b border-line px-4 py-3 text-sm font-semibold text-ink">
                Questions
              </h3>
              <ul className="divide-y divide-line">
                {stage.questions.map((q) => (
                  <li key={q._id} className="px-4 py-3">
                    <p className="text-sm text-ink">{q.label.trim() || <span className="text-ink-muted italic">No question yet</span>}</p>
                    <p className="text-[13px] text-ink-muted">Answer: {ANSWER_KIND_LABELS[q.answer] ?? q.answer} · not answered yet</p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <StageGuidance stage={{ ...stage, order: selected ?? 0 } as unknown as StageView} />
        </>
      ) : null}
    </section>
  );
}
