"use client";

// The draft editor (docs/rules/sales-process.md, "The editor"): the whole definition is edited here
// and saved at once, at the version read; while edited, its problems are asked of the server as
// typed (nothing is saved) and shown beside each field and in a summary at the top; publishing saves
// what is unsaved first. A save that finds another admin's newer draft keeps these edits on screen
// and offers to load theirs or to save over it. Leaving with unsaved changes asks first.
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { describeError } from "@/app/opportunities/_lib/problems";
import type { ActionError } from "@/src/http/action-result";
import type { DraftResponse } from "@/src/schemas/process-drafts";
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { formatMoment } from "@/src/ui/format";
import { AlertIcon, LayersIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { checkDraftAction, discardDraftAction, publishDraftAction, saveDraftAction } from "./actions";
import { ProblemsContext, TextareaField, TextInputField } from "./editor-fields";
import {
  controlPathOf,
  type DraftProblem,
  describeProblemPath,
  type EditorCatalog,
  type EditorDraft,
  type EditorStage,
  fieldId,
  fromEditor,
  moveItem,
  newStage,
  newStageIndex,
  otherQuestionKeys,
  problemCountByStage,
  problemsByControl,
  sameDefinition,
  stageOf,
  toEditor,
} from "./editor-model";
import { Preview } from "./preview";
import { StageForm } from "./stage-form";
import { StageList } from "./stage-list";

// Loaded when first opened: the dialog library stays out of the editor's first load.
const RemoveStageDialog = dynamic(() => import("./editor-dialogs").then((m) => m.RemoveStageDialog));
const DiscardDraftDialog = dynamic(() => import("./editor-dialogs").then((m) => m.DiscardDraftDialog));
const PublishDialog = dynamic(() => import("./editor-dialogs").then((m) => m.PublishDialog));

type Props = { processKey: string; draft: DraftResponse; catalog: EditorCatalog };

/** How long the editor waits after the last change before it asks for the problems. */
const CHECK_DELAY_MS = 400;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export function DraftEditor({ processKey, draft, catalog }: Props) {
  const router = useRouter();
  const [base, setBase] = useState(draft);
  const [edit, setEditState] = useState<EditorDraft>(() => toEditor(draft.definition));
  const [selectedId, setSelectedId] = useState<string | null>(() => edit.stages[0]?._id ?? null);
  const [problems, setProblems] = useState<DraftProblem[]>(draft.problems);
  const [checking, setChecking] = useState(false);
  const [conflict, setConflict] = useState<DraftResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<EditorStage | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [pending, startTransition] = useTransition();
  /** Set once the page is left on purpose (published, discarded): no more "unsaved changes" question. */
  const leaving = useRef(false);

  const definition = useMemo(() => fromEditor(edit), [edit]);
  const dirty = !sameDefinition(definition, base.definition);
  const setEdit = (next: EditorDraft) => {
    setEditState(next);
    setNotice(null);
  };

  // The problems of the definition as edited, a moment after the last change; the saved draft's own when nothing is unsaved.
  useEffect(() => {
    if (sameDefinition(definition, base.definition)) {
      setProblems(base.problems);
      setChecking(false);
      return;
    }
    let current = true;
    setChecking(true);
    const timer = setTimeout(async () => {
      const result = await checkDraftAction({ definition }).catch(() => null);
      if (!current) return;
      setChecking(false);
      if (result?.ok) setProblems(result.data.problems);
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [definition, base]);

  // Unsaved changes: the browser asks before the tab is closed or reloaded, and the page before a link is followed.
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (leaving.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const click = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!link || leaving.current || link.getAttribute("target") === "_blank" || link.getAttribute("href")?.startsWith("#")) return;
      if (!window.confirm("This draft has unsaved changes. Leave without saving them?")) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [dirty]);

  const stages = edit.stages;
  const selected = stages.findIndex((s) => s._id === selectedId);
  const selectedIndex = selected >= 0 ? selected : null;
  const byControl = useMemo(() => problemsByControl(problems), [problems]);
  const counts = useMemo(() => problemCountByStage(problems), [problems]);
  const setStages = (next: EditorStage[]) => setEdit({ ...edit, stages: next });

  /** Opens the control a problem names: its stage chosen first, then the control focused. */
  const goTo = (path: string) => {
    const i = stageOf(path);
    if (i !== null && stages[i]) setSelectedId(stages[i]._id);
    setTimeout(() => {
      const target = document.getElementById(fieldId(controlPathOf(path))) ?? document.getElementById("stage-form-heading");
      target?.scrollIntoView({ block: "center" });
      target?.focus();
    }, 50);
  };

  function failed(e: ActionError) {
    if (e.code === "VERSION_CONFLICT") {
      const current = (e.details as { current?: DraftResponse } | undefined)?.current;
      if (current) {
        setConflict(current);
        setError(null);
        return;
      }
    }
    setError(describeError(e));
  }

  async function save(over?: number): Promise<DraftResponse | null> {
    setError(null);
    const result = await saveDraftAction({ key: processKey, version: over ?? base.version, definition });
    if (!result.ok) {
      failed(result.error);
      return null;
    }
    setBase(result.data);
    setProblems(result.data.problems);
    setConflict(null);
    setNotice(`Draft saved (version ${result.data.version}).`);
    return result.data;
  }

  const loadTheirs = () => {
    if (!conflict) return;
    const next = toEditor(conflict.definition);
    setBase(conflict);
    setEditState(next);
    setSelectedId(next.stages[Math.min(selectedIndex ?? 0, next.stages.length - 1)]?._id ?? null);
    setProblems(conflict.problems);
    setConflict(null);
    setNotice(`Loaded the draft as saved at version ${conflict.version}.`);
  };

  const addStage = () => {
    const at = newStageIndex(stages, selectedIndex);
    const stage = newStage(
      "",
      stages.map((s) => s.key),
    );
    setStages([...stages.slice(0, at), stage, ...stages.slice(at)]);
    setSelectedId(stage._id);
    setNotice(`A new stage added at position ${at + 1}: give it a name.`);
    setTimeout(() => document.getElementById(fieldId(`stages.${at}.name`))?.focus(), 50);
  };

  const moveStage = (from: number, to: number) => setStages(moveItem(stages, from, to));

  const removeStage = (stage: EditorStage) => {
    const i = stages.indexOf(stage);
    const next = stages.filter((s) => s !== stage);
    setStages(next);
    setSelectedId(next[Math.min(i, next.length - 1)]?._id ?? null);
    setRemoving(null);
    setNotice(`${stage.name.trim() || "The stage"} removed. Save the draft to keep it so.`);
  };

  const discard = () =>
    startTransition(async () => {
      const result = await discardDraftAction({ key: processKey });
      if (!result.ok) {
        setDiscarding(false);
        return failed(result.error);
      }
      leaving.current = true;
      router.replace(`/admin/processes/${processKey}/draft?discarded=1`);
      router.refresh();
    });

  const publish = (note: string, makeDefault: boolean) =>
    startTransition(async () => {
      let version = base.version;
      if (dirty) {
        const saved = await save();
        if (!saved) return setPublishing(false);
        version = saved.version;
      }
      const result = await publishDraftAction({ key: processKey, version, note: note.trim() || undefined, makeDefault });
      if (!result.ok) {
        setPublishing(false);
        const fields = (result.error.details as { fields?: DraftProblem[] } | undefined)?.fields;
        if (result.error.code === "VALIDATION_FAILED" && fields) {
          setProblems(fields);
          setError(`The draft cannot be published yet: ${plural(fields.length, "problem")} to fix, listed above.`);
          return;
        }
        return failed(result.error);
      }
      leaving.current = true;
      router.push(`/admin/processes?published=${encodeURIComponent(processKey)}`);
    });

  const stage = selectedIndex === null ? undefined : stages[selectedIndex];
  const blocking = problems.length;
  const started = base.template ? `the template ${base.template}` : base.basedOnVersion ? `version ${base.basedOnVersion}` : "scratch";

  return (
    <ProblemsContext.Provider value={byControl}>
      <PageHeader
        eyebrow={`Process ${processKey} · draft`}
        title={`${edit.name.trim() || processKey}: next version`}
        description={
          <>
            Started from {started}; saved{" "}
            <time dateTime={base.updatedAt} suppressHydrationWarning>
              {formatMoment(new Date(base.updatedAt))}
            </time>
            . Deals keep the version they follow until an admin moves them.
          </>
        }
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="danger" onClick={() => setDiscarding(true)} disabled={pending}>
              Discard draft
            </Button>
            <Button variant="secondary" onClick={() => startTransition(async () => void (await save()))} disabled={pending || !dirty}>
              {pending && !publishing && !discarding ? "Saving…" : "Save draft"}
            </Button>
            <Button onClick={() => setPublishing(true)} disabled={pending || blocking > 0 || checking} aria-describedby="publish-state">
              {blocking ? `Publish (${plural(blocking, "problem")} to fix)` : "Publish…"}
            </Button>
          </div>
        }
      />
      <p id="publish-state" aria-live="polite" className="-mt-5 mb-4 text-[13px] text-ink-muted" data-testid="save-state">
        {dirty ? "Unsaved changes." : "All changes saved."}{" "}
        {blocking ? `${plural(blocking, "problem")} ${blocking === 1 ? "stops" : "stop"} publishing.` : checking ? "" : "Nothing stops publishing."}{" "}
        {notice}
      </p>

      {conflict ? (
        <div role="alert" className="mb-4 rounded-card border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <p className="flex items-center gap-2 font-medium">
            <AlertIcon className="size-4 shrink-0" />
            Someone else saved this draft (version {conflict.version}, {formatMoment(new Date(conflict.updatedAt))}) since you loaded it.
          </p>
          <p className="mt-1">Your changes are still here, not saved. Load theirs (yours are then lost), or save yours over theirs.</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={loadTheirs} disabled={pending}>
              Load their draft
            </Button>
            <Button size="sm" variant="secondary" onClick={() => startTransition(async () => void (await save(conflict.version)))} disabled={pending}>
              Save mine over theirs
            </Button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mb-4 flex items-center gap-2 rounded-card border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <AlertIcon className="size-4 shrink-0" />
          {error}
        </p>
      ) : null}

      <ProblemsSummary problems={problems} stages={stages} checking={checking} onGo={goTo} />

      <Card title="Process" className="mb-6">
        <div className="grid gap-4 md:grid-cols-2">
          <TextInputField path="name" label="Process name" value={edit.name} maxLength={120} onChange={(name) => setEdit({ ...edit, name })} />
          <TextareaField
            path="description"
            label="Description"
            hint="Optional. Shown to admins on the list of processes."
            rows={2}
            value={edit.description}
            maxLength={2000}
            onChange={(description) => setEdit({ ...edit, description })}
          />
        </div>
      </Card>

      <div className="grid gap-6 md:grid-cols-[15rem_minmax(0,1fr)] xl:grid-cols-[15rem_minmax(0,1fr)_20rem]">
        <StageList
          stages={stages}
          selectedId={stage?._id ?? null}
          problemCounts={counts}
          onSelect={setSelectedId}
          onMove={moveStage}
          onAdd={addStage}
        />
        {stage && selectedIndex !== null ? (
          <StageForm
            key={stage._id}
            stage={stage}
            index={selectedIndex}
            count={stages.length}
            catalog={catalog}
            otherKeys={stages.filter((s) => s !== stage).map((s) => s.key)}
            questionKeys={(i, j) => otherQuestionKeys(stages, i, j)}
            onChange={(next) => setStages(stages.map((s) => (s._id === next._id ? next : s)))}
            onMove={(by) => {
              moveStage(selectedIndex, selectedIndex + by);
              setNotice(`${stage.name.trim() || "The stage"} moved to position ${selectedIndex + by + 1} of ${stages.length}.`);
            }}
            onRemove={() => setRemoving(stage)}
          />
        ) : (
          <Card>
            <EmptyState
              headingLevel={2}
              icon={<LayersIcon className="size-5" />}
              title={stages.length ? "Choose a stage" : "No stages yet"}
              description={stages.length ? "Choose a stage on the list to edit it." : "Add the first stage of the process."}
            />
          </Card>
        )}
        <div className="md:col-span-2 xl:col-span-1">
          <Preview stages={stages} selected={selectedIndex} />
        </div>
      </div>

      {removing ? <RemoveStageDialog stage={removing} onKeep={() => setRemoving(null)} onRemove={() => removeStage(removing)} /> : null}
      {discarding ? <DiscardDraftDialog pending={pending} onKeep={() => setDiscarding(false)} onDiscard={discard} /> : null}
      {publishing ? <PublishDialog pending={pending} dirty={dirty} onClose={() => setPublishing(false)} onPublish={publish} /> : null}
    </ProblemsContext.Provider>
  );
}

function ProblemsSummary({
  problems,
  stages,
  checking,
  onGo,
}: {
  problems: DraftProblem[];
  stages: EditorStage[];
  checking: boolean;
  onGo: (path: string) => void;
}) {
  if (!problems.length)
    return (
      <p className="mb-6 rounded-card border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="problems-summary">
        {checking ? "Checking the draft…" : "No problems: this draft can be published."}
      </p>
    );
  return (
    <section
      aria-labelledby="problems-heading"
      className="mb-6 rounded-card border border-red-200 bg-red-50 px-4 py-3"
      data-testid="problems-summary"
    >
      <h2 id="problems-heading" className="text-sm font-semibold text-red-900">
        {plural(problems.length, "problem")} to fix before publishing
      </h2>
      <ul className="mt-2 space-y-1 text-[13px] text-red-900">
        {problems.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems are listed in the definition's order, several per path
          <li key={`${p.field}-${i}`}>
            <a
              href={`#${fieldId(controlPathOf(p.field))}`}
              onClick={(e) => {
                e.preventDefault();
                onGo(p.field);
              }}
              className="font-medium underline underline-offset-2 hover:text-red-700"
            >
              {describeProblemPath(p.field, stages)}
            </a>
            : {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
