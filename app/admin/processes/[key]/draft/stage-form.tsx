"use client";

// One stage's form: its name and key, kind, win probability, forecast category and stall limit, its
// guidance (definition, line lists, done well and badly), then its exit criteria and its questions.
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { Input } from "@/src/ui/field";
import { PlusIcon, TrashIcon } from "@/src/ui/icons";
import { CriteriaEditor } from "./criteria-editor";
import { NumberField, SelectField, TextareaField, TextInputField, useFieldProblem } from "./editor-fields";
import { type EditorCatalog, type EditorStage, FORECAST_LABELS, fieldId, rename, STAGE_KIND_LABELS, withKey } from "./editor-model";
import { QuestionsEditor } from "./questions-editor";

type Props = {
  stage: EditorStage;
  index: number;
  count: number;
  catalog: EditorCatalog;
  /** The keys of the other stages (a new stage's key is kept unique among them). */
  otherKeys: string[];
  /** Every question key of the process, by stage: a question's key is unique in the whole process. */
  questionKeys: (stage: number, question: number) => string[];
  onChange: (stage: EditorStage) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

export function StageForm({ stage, index, count, catalog, otherKeys, questionKeys, onChange, onMove, onRemove }: Props) {
  const at = (name: string) => `stages.${index}.${name}`;
  const set = (patch: Partial<EditorStage>) => onChange({ ...stage, ...patch });
  const title = stage.name.trim() || "Unnamed stage";
  return (
    <div className="min-w-0 space-y-6">
      <Card
        aria-labelledby="stage-form-heading"
        title={
          <span id="stage-form-heading" tabIndex={-1} className="focus-visible:outline-2 focus-visible:outline-accent">
            Stage {index + 1} of {count}: {title}
          </span>
        }
        action={
          <div className="flex flex-wrap justify-end gap-1">
            <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${title} up`}>
              Move up
            </Button>
            <Button size="sm" variant="ghost" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${title} down`}>
              Move down
            </Button>
            <Button size="sm" variant="danger" onClick={onRemove} aria-label={`Remove ${title}`}>
              <TrashIcon className="size-3.5" />
              Remove
            </Button>
          </div>
        }
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextInputField
            path={at("name")}
            label="Name"
            value={stage.name}
            maxLength={80}
            onChange={(name) => onChange(rename(stage, name, otherKeys, "name"))}
          />
          <TextInputField
            path={at("key")}
            label="Key"
            mono
            maxLength={64}
            value={stage.key}
            hint={stage._autoKey ? "Made from the name until you change it. Deals and reports refer to it." : "Deals and reports refer to it."}
            onChange={(key) => onChange(withKey(stage, key))}
          />
          <SelectField
            path={at("kind")}
            label="Kind"
            value={stage.kind}
            options={catalog.stageKinds.map((k) => [k, STAGE_KIND_LABELS[k] ?? k] as const)}
            onChange={(kind) => set({ kind: kind as EditorStage["kind"] })}
          />
          <NumberField
            path={at("probability")}
            label="Win probability"
            suffix="%"
            value={stage.probability}
            onChange={(p) => set({ probability: p ?? 0 })}
            hint="0 to 100: the default chance of winning, used for weighted amounts."
          />
          <SelectField
            path={at("forecastCategory")}
            label="Forecast category"
            value={stage.forecastCategory}
            options={catalog.forecastCategories.map((c) => [c, FORECAST_LABELS[c] ?? c] as const)}
            onChange={(c) => set({ forecastCategory: c as EditorStage["forecastCategory"] })}
          />
          <NumberField
            path={at("stallDays")}
            label="Stall limit"
            suffix="days"
            allowEmpty
            value={stage.stallDays}
            onChange={(d) => set({ stallDays: d })}
            hint={`Days a deal may sit here before it is stalled, 1 to ${catalog.maxStallDays}. Empty: never (closed stages).`}
          />
        </div>
      </Card>

      <Card title="Guidance" description="What reps read on the deal page while a deal is in this stage.">
        <div className="space-y-5">
          <TextareaField
            path={at("definition")}
            label="Definition"
            value={stage.definition}
            maxLength={4000}
            onChange={(definition) => set({ definition })}
          />
          <LineList path={at("goals")} legend="Goals" one="goal" lines={stage.goals} onChange={(goals) => set({ goals })} />
          <LineList
            path={at("buyerDoing")}
            legend="What the buyer is doing"
            one="line on the buyer"
            lines={stage.buyerDoing}
            onChange={(buyerDoing) => set({ buyerDoing })}
          />
          <LineList
            path={at("sellerActivities")}
            legend="Seller activities"
            one="seller activity"
            lines={stage.sellerActivities}
            onChange={(sellerActivities) => set({ sellerActivities })}
          />
          <div className="grid gap-4 md:grid-cols-2">
            <TextareaField
              path={at("doneCorrectly")}
              label="Done well"
              hint="Optional."
              value={stage.doneCorrectly}
              maxLength={4000}
              onChange={(doneCorrectly) => set({ doneCorrectly })}
            />
            <TextareaField
              path={at("doneIncorrectly")}
              label="Done badly"
              hint="Optional."
              value={stage.doneIncorrectly}
              maxLength={4000}
              onChange={(doneIncorrectly) => set({ doneIncorrectly })}
            />
          </div>
        </div>
      </Card>

      <CriteriaEditor stage={stage} index={index} catalog={catalog} onChange={(exitCriteria) => set({ exitCriteria })} />
      <QuestionsEditor stage={stage} index={index} catalog={catalog} otherKeys={questionKeys} onChange={(questions) => set({ questions })} />
    </div>
  );
}

/** A list of lines (goals, what the buyer is doing, seller activities): each edited in place, removed, or one added at the end. */
function LineList({
  path,
  legend,
  one,
  lines,
  onChange,
}: {
  path: string;
  legend: string;
  one: string;
  lines: string[];
  onChange: (lines: string[]) => void;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-ink">{legend}</legend>
      {lines.length === 0 ? <p className="text-[13px] text-ink-muted">None yet.</p> : null}
      <ol className="space-y-2">
        {lines.map((line, i) => (
          <Line
            // biome-ignore lint/suspicious/noArrayIndexKey: a line is its position in the list
            key={i}
            path={`${path}.${i}`}
            label={`${legend}, line ${i + 1}`}
            value={line}
            onChange={(v) => onChange(lines.map((l, j) => (j === i ? v : l)))}
            onRemove={() => onChange(lines.filter((_, j) => j !== i))}
          />
        ))}
      </ol>
      <Button
        size="sm"
        variant="secondary"
        disabled={lines.length >= 30}
        onClick={() => {
          onChange([...lines, ""]);
          requestAnimationFrame(() => document.getElementById(fieldId(`${path}.${lines.length}`))?.focus());
        }}
      >
        <PlusIcon className="size-3.5" />
        Add a {one}
      </Button>
    </fieldset>
  );
}

function Line({
  path,
  label,
  value,
  onChange,
  onRemove,
}: {
  path: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  onRemove: () => void;
}) {
  const { id, error, describedBy } = useFieldProblem(path);
  return (
    <li>
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <Input
          id={id}
          value={value}
          maxLength={500}
          invalid={!!error}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
          className="h-9"
        />
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`}>
          Remove
        </Button>
      </div>
      {error ? (
        <p id={`${id}-help`} className="mt-1 text-[13px] text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}
