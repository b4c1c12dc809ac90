"use client";

// A stage's exit criteria: added by type, removed, reordered, each with the form of its type. A
// `field` criterion offers the fields the engine can look at and, for the field chosen, only the
// conditions the engine supports on it, with a value control of the field's kind.
import { useId, useState } from "react";
import { CONTACT_ROLE_LABELS, FILE_KIND_LABELS } from "@/app/opportunities/_lib/labels";
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { PlusIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { Field, Input } from "@/src/ui/field";
import { NumberField, SelectField, TextInputField, useFieldProblem } from "./editor-fields";
import {
  CONDITION_LABELS,
  CRITERION_FIELD_LABELS,
  CRITERION_TYPE_LABELS,
  CRITERION_TYPE_SHORT_LABELS,
  type CriterionForm,
  conditionsOf,
  criterionForm,
  criterionFromForm,
  type EditorCatalog,
  type EditorCriterion,
  type EditorStage,
  fieldId,
  moveItem,
  newCriterion,
  rename,
  valueKindOf,
  withField,
  withKey,
  withType,
} from "./editor-model";

type Props = { stage: EditorStage; index: number; catalog: EditorCatalog; onChange: (criteria: EditorCriterion[]) => void };

const labelOf = (labels: Record<string, string>, v: string) => labels[v] ?? v;

export function CriteriaEditor({ stage, index, catalog, onChange }: Props) {
  const uid = useId();
  const [type, setType] = useState<string>("check");
  const [said, setSaid] = useState("");
  const list = stage.exitCriteria;
  const title = stage.name.trim() || "this stage";
  const keysBut = (i: number) => list.filter((_, j) => j !== i).map((c) => c.key);

  const add = () => {
    const c = newCriterion(type as EditorCriterion["type"], catalog);
    onChange([...list, c]);
    setSaid(`Criterion ${list.length + 1} added: give it a label.`);
    requestAnimationFrame(() => document.getElementById(fieldId(`stages.${index}.exitCriteria.${list.length}.label`))?.focus());
  };
  const move = (i: number, by: -1 | 1) => {
    onChange(moveItem(list, i, i + by));
    setSaid(`${list[i]?.label || "The criterion"} moved to position ${i + by + 1} of ${list.length}.`);
    requestAnimationFrame(() => document.getElementById(`${uid}-${list[i]?._id}-${by < 0 ? "up" : "down"}`)?.focus());
  };

  return (
    <Card title={`Exit criteria to leave ${title}`} description="What must hold before a deal may move on, checked in this order on the deal page.">
      <div className="space-y-4">
        {list.length === 0 ? (
          <p className="rounded-lg border border-dashed border-line-strong px-3 py-4 text-[13px] text-ink-muted">
            No exit criteria: a deal may leave {title} whenever it is ready. Add one below.
          </p>
        ) : (
          <ol className="space-y-3">
            {list.map((c, i) => (
              <li key={c._id}>
                <CriterionEditor
                  criterion={c}
                  path={`stages.${index}.exitCriteria.${i}`}
                  position={i}
                  count={list.length}
                  catalog={catalog}
                  otherKeys={keysBut(i)}
                  buttonId={(dir) => `${uid}-${c._id}-${dir}`}
                  onChange={(next) => onChange(list.map((x, j) => (j === i ? next : x)))}
                  onMove={(by) => move(i, by)}
                  onRemove={() => {
                    onChange(list.filter((_, j) => j !== i));
                    setSaid(`${c.label || "The criterion"} removed.`);
                  }}
                />
              </li>
            ))}
          </ol>
        )}
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-56 flex-1 space-y-1.5">
            <label htmlFor={`${uid}-type`} className="block text-sm font-medium text-ink">
              New criterion's type
            </label>
            <Select id={`${uid}-type`} value={type} onChange={(e) => setType(e.target.value)}>
              {catalog.criterionTypes.map((t) => (
                <option key={t} value={t}>
                  {labelOf(CRITERION_TYPE_LABELS, t)}
                </option>
              ))}
            </Select>
          </div>
          <Button variant="secondary" onClick={add} disabled={list.length >= 30}>
            <PlusIcon className="size-4" />
            Add criterion
          </Button>
        </div>
        <p aria-live="polite" className="sr-only">
          {said}
        </p>
      </div>
    </Card>
  );
}

type ItemProps = {
  criterion: EditorCriterion;
  path: string;
  position: number;
  count: number;
  catalog: EditorCatalog;
  otherKeys: string[];
  buttonId: (dir: "up" | "down") => string;
  onChange: (c: EditorCriterion) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

function CriterionEditor({ criterion, path, position, count, catalog, otherKeys, buttonId, onChange, onMove, onRemove }: ItemProps) {
  const form = criterionForm(criterion);
  const name = criterion.label.trim() || `criterion ${position + 1}`;
  /** A change to the type's settings: the form turned back into the draft's criterion. */
  const setForm = (next: CriterionForm) =>
    onChange({ ...criterionFromForm(next, valueKindOf(catalog, next.field)), _id: criterion._id, _autoKey: criterion._autoKey });
  const at = (name: string) => `${path}.${name}`;

  return (
    <fieldset className="rounded-lg border border-line p-4">
      <legend className="px-1 text-[13px] font-semibold text-ink">
        {position + 1}. {criterion.label.trim() || "New criterion"}
      </legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          path={at("type")}
          label="Type"
          value={criterion.type}
          options={catalog.criterionTypes.map((t) => [t, labelOf(CRITERION_TYPE_SHORT_LABELS, t)] as const)}
          onChange={(t) => onChange(withType(criterion, t as EditorCriterion["type"], catalog))}
        />
        <TextInputField
          path={at("label")}
          label="Label"
          maxLength={200}
          value={criterion.label}
          onChange={(l) => onChange(rename(criterion, l, otherKeys, "label"))}
        />
        <TextInputField
          path={at("key")}
          label="Key"
          mono
          maxLength={64}
          value={criterion.key}
          hint={criterion._autoKey ? "Made from the label until you change it." : undefined}
          onChange={(k) => onChange(withKey(criterion, k))}
        />
        <TypeSettings form={form} at={at} catalog={catalog} setForm={setForm} />
      </div>
      <div className="mt-3 flex flex-wrap justify-end gap-1">
        <Button id={buttonId("up")} size="sm" variant="ghost" disabled={position === 0} onClick={() => onMove(-1)} aria-label={`Move ${name} up`}>
          Move up
        </Button>
        <Button
          id={buttonId("down")}
          size="sm"
          variant="ghost"
          disabled={position === count - 1}
          onClick={() => onMove(1)}
          aria-label={`Move ${name} down`}
        >
          Move down
        </Button>
        <Button size="sm" variant="danger" onClick={onRemove} aria-label={`Remove ${name}`}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}

function TypeSettings({
  form,
  at,
  catalog,
  setForm,
}: {
  form: CriterionForm;
  at: (name: string) => string;
  catalog: EditorCatalog;
  setForm: (f: CriterionForm) => void;
}) {
  switch (form.type) {
    case "check":
      return (
        <p className="text-[13px] text-ink-muted sm:col-span-2">
          A rep checks it on the deal, with an optional note and evidence link. A process cannot require the evidence: it is always optional.
        </p>
      );
    case "approval":
      return (
        <p className="text-[13px] text-ink-muted sm:col-span-2">
          Met when the deal desk has approved the deal, when its rules ask for an approval; a deal its rules do not hold is met at once.
        </p>
      );
    case "document":
      return (
        <SelectField
          path={at("documentKind")}
          label="File kind"
          value={form.documentKind}
          options={catalog.fileKinds.map((k) => [k, labelOf(FILE_KIND_LABELS, k)] as const)}
          onChange={(documentKind) => setForm({ ...form, documentKind })}
        />
      );
    case "plan":
      return (
        <NumberField
          path={at("minSteps")}
          label="Least number of steps"
          hint="1 to 50 steps in the deal's close plan."
          value={form.minSteps === "" ? null : Number(form.minSteps)}
          onChange={(n) => setForm({ ...form, minSteps: n === null ? "" : String(n) })}
        />
      );
    case "field":
      return <FieldSettings form={form} at={at} catalog={catalog} setForm={setForm} />;
  }
}

function FieldSettings({
  form,
  at,
  catalog,
  setForm,
}: {
  form: CriterionForm;
  at: (name: string) => string;
  catalog: EditorCatalog;
  setForm: (f: CriterionForm) => void;
}) {
  const kind = valueKindOf(catalog, form.field);
  const conditions = conditionsOf(catalog, form.field);
  return (
    <>
      <SelectField
        path={at("field")}
        label="Field"
        value={form.field}
        options={catalog.criterionFields.map((f) => [f.field, labelOf(CRITERION_FIELD_LABELS, f.field)] as const)}
        onChange={(field) => setForm(withField(form, field, catalog))}
      />
      <SelectField
        path={at("condition.op")}
        label="Condition"
        value={form.op}
        options={conditions.map((op) => [op, labelOf(CONDITION_LABELS, op)] as const)}
        onChange={(op) => setForm({ ...form, op })}
        hint={form.field ? undefined : "Choose a field first."}
      />
      {form.op === "has_contact_role" ? (
        <SelectField
          path={at("condition.role")}
          label="Contact role"
          value={form.role}
          options={catalog.contactRoles.map((r) => [r, labelOf(CONTACT_ROLE_LABELS, r)] as const)}
          onChange={(role) => setForm({ ...form, role })}
        />
      ) : form.op === "gt" || form.op === "equals" ? (
        kind === "number" ? (
          <NumberField
            path={at("condition.value")}
            label="Value"
            value={form.value === "" || !Number.isFinite(Number(form.value)) ? null : Number(form.value)}
            allowEmpty
            onChange={(n) => setForm({ ...form, value: n === null ? "" : String(n) })}
          />
        ) : (
          <ValueInput form={form} at={at} kind={kind} setForm={setForm} />
        )
      ) : null}
    </>
  );
}

function ValueInput({
  form,
  at,
  kind,
  setForm,
}: {
  form: CriterionForm;
  at: (name: string) => string;
  kind: string | undefined;
  setForm: (f: CriterionForm) => void;
}) {
  const path = at("condition.value");
  if (kind === "date") return <DateField path={path} value={form.value} onChange={(value) => setForm({ ...form, value })} />;
  return <TextInputField path={path} label="Value" maxLength={200} value={form.value} onChange={(value) => setForm({ ...form, value })} />;
}

function DateField({ path, value, onChange }: { path: string; value: string; onChange: (v: string) => void }) {
  const { id, error, describedBy } = useFieldProblem(path);
  return (
    <Field id={id} label="Date" error={error}>
      <Input id={id} type="date" value={value} invalid={!!error} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
