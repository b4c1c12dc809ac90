// The draft editor's model (docs/rules/sales-process.md, "The editor"): the draft as the page holds
// it while an admin edits it, and the pure steps the page takes on it. Client code: it imports only
// types from the zod-bearing modules, so no schema is sent to the browser. The rules themselves stay
// in draftProblems on the server; the editor only shows what it answers.
import type { DraftCriterion, DraftDefinition, DraftProblem, DraftQuestion, DraftStage } from "@/src/domain/process/draft";
import type { editorCatalog } from "@/src/server/process/manage-processes";

export type EditorCatalog = ReturnType<typeof editorCatalog>;
export type ValueKind = EditorCatalog["criterionFields"][number]["valueKind"];
export type { DraftCriterion, DraftDefinition, DraftProblem, DraftQuestion, DraftStage };

/**
 * What the page adds to each stage, criterion and question while it is edited: an id that follows
 * it when the list is reordered, and whether its key still follows its name (a new one, until the
 * admin types a key of their own). Neither is saved.
 */
type Local = { _id: string; _autoKey: boolean };
export type EditorCriterion = DraftCriterion & Local;
export type EditorQuestion = DraftQuestion & Local;
export type EditorStage = Omit<DraftStage, "exitCriteria" | "questions"> & Local & { exitCriteria: EditorCriterion[]; questions: EditorQuestion[] };
export type EditorDraft = { name: string; description: string; stages: EditorStage[] };

let made = 0;
const localId = (prefix: string) => `${prefix}-${++made}`;

/** The draft as the editor holds it: every stage, criterion and question with its own id. Keys of saved items stay as they are. */
export function toEditor(definition: DraftDefinition): EditorDraft {
  return {
    name: definition.name,
    description: definition.description,
    stages: definition.stages.map((s) => ({
      ...s,
      _id: localId("stage"),
      _autoKey: false,
      exitCriteria: s.exitCriteria.map((c) => ({ ...c, _id: localId("criterion"), _autoKey: false })),
      questions: s.questions.map((q) => ({ ...q, _id: localId("question"), _autoKey: false })),
    })),
  };
}

const strip = <T extends Local>({ _id, _autoKey, ...rest }: T): Omit<T, keyof Local> => rest;

/** The definition the save sends: the editor's own fields left out. */
export function fromEditor(draft: EditorDraft): DraftDefinition {
  return {
    name: draft.name,
    description: draft.description,
    stages: draft.stages.map((s) => ({
      ...strip(s),
      exitCriteria: s.exitCriteria.map(strip),
      questions: s.questions.map(strip),
    })),
  };
}

/**
 * A lower_snake_case key from a name, as the validation asks for one (a letter, then letters, digits
 * or _, at most 64): accents dropped, anything else a single _, a leading digit prefixed. A key
 * already `taken` gets _2, _3… Empty for a name with no letter or digit.
 */
export function keyFromName(name: string, taken: Iterable<string> = []): string {
  let key = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!key) return "";
  if (!/^[a-z]/.test(key)) key = `k_${key}`;
  key = key.slice(0, 64).replace(/_+$/, "");
  const used = new Set(taken);
  if (!used.has(key)) return key;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${key.slice(0, 64 - suffix.length).replace(/_+$/, "")}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** The list with the item at `from` moved to `to` (both clamped to the list); the same list when nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from < 0 || from >= list.length || from === target) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** A new open stage: its key follows its name until the admin types one. */
export function newStage(name: string, taken: Iterable<string>): EditorStage {
  return {
    _id: localId("stage"),
    _autoKey: true,
    key: keyFromName(name, taken),
    name,
    kind: "open",
    probability: 50,
    forecastCategory: "pipeline",
    definition: "",
    goals: [],
    buyerDoing: [],
    sellerActivities: [],
    doneCorrectly: "",
    doneIncorrectly: "",
    stallDays: 30,
    exitCriteria: [],
    questions: [],
  };
}

/**
 * Where a new open stage goes: after the selected stage when that one is open, otherwise after the
 * last open stage (before Closed Won and Closed Lost).
 */
export function newStageIndex(stages: readonly { kind: string }[], selected: number | null): number {
  if (selected !== null && stages[selected]?.kind === "open") return selected + 1;
  let last = -1;
  stages.forEach((s, i) => {
    if (s.kind === "open") last = i;
  });
  return last + 1;
}

/** Renames an item; while its key follows its name, the key follows again (kept unique among `otherKeys`). */
export function rename<T extends { name?: string; label?: string; key: string; _autoKey: boolean }>(
  item: T,
  text: string,
  otherKeys: Iterable<string>,
  field: "name" | "label",
): T {
  const next = { ...item, [field]: text };
  return item._autoKey ? { ...next, key: keyFromName(text, otherKeys) } : next;
}

/** A key typed by the admin: from then on it no longer follows the name. */
export const withKey = <T extends { key: string; _autoKey: boolean }>(item: T, key: string): T => ({ ...item, key, _autoKey: false });

// —— Exit criteria ——

/**
 * A criterion as its form shows it: every setting as the text of its control, whatever the type.
 * `criterionFromForm` turns it back into the draft's criterion, with only the settings of its type.
 */
export type CriterionForm = {
  key: string;
  label: string;
  type: DraftCriterion["type"];
  field: string;
  op: string;
  value: string;
  role: string;
  documentKind: string;
  minSteps: string;
};

export function criterionForm(c: DraftCriterion): CriterionForm {
  const value = c.condition?.value;
  return {
    key: c.key,
    label: c.label,
    type: c.type,
    field: c.field ?? "",
    op: c.condition?.op ?? "",
    value: value === undefined ? "" : String(value),
    role: c.condition?.role ?? "",
    documentKind: c.documentKind ?? "",
    minSteps: c.minSteps === undefined ? "" : String(c.minSteps),
  };
}

/** A number typed: the number when it is one; the text itself otherwise (the validation then says "a number"); nothing when blank. */
function typedNumber(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** The draft's criterion from its form: `valueKind` says what the chosen field holds (a number, a date, a text, contacts). */
export function criterionFromForm(f: CriterionForm, valueKind: ValueKind | undefined): DraftCriterion {
  const base = { key: f.key, label: f.label };
  switch (f.type) {
    case "check":
    case "approval":
      return { ...base, type: f.type };
    case "document":
      return f.documentKind ? { ...base, type: "document", documentKind: f.documentKind } : { ...base, type: "document" };
    case "plan": {
      const n = typedNumber(f.minSteps);
      return typeof n === "number" ? { ...base, type: "plan", minSteps: n } : { ...base, type: "plan" };
    }
    case "field": {
      const criterion: DraftCriterion = { ...base, type: "field" };
      if (f.field) criterion.field = f.field;
      if (!f.op) return criterion;
      if (f.op === "is_set") return { ...criterion, condition: { op: "is_set" } };
      if (f.op === "has_contact_role") return { ...criterion, condition: f.role ? { op: f.op, role: f.role } : { op: f.op } };
      const value = valueKind === "number" ? typedNumber(f.value) : f.value.trim() === "" ? undefined : f.value;
      return { ...criterion, condition: value === undefined ? { op: f.op } : { op: f.op, value } };
    }
  }
}

/** The conditions the engine supports on a field, from the catalog (none for a field it does not know). */
export function conditionsOf(catalog: EditorCatalog, field: string): string[] {
  return catalog.criterionFields.find((f) => f.field === field)?.conditions ?? [];
}

export function valueKindOf(catalog: EditorCatalog, field: string): ValueKind | undefined {
  return catalog.criterionFields.find((f) => f.field === field)?.valueKind;
}

/** Another field chosen: the condition is kept when the field supports it (its value when the value kind is the same), else it is "is set". */
export function withField(form: CriterionForm, field: string, catalog: EditorCatalog): CriterionForm {
  const supported = conditionsOf(catalog, field);
  const sameKind = valueKindOf(catalog, field) === valueKindOf(catalog, form.field);
  if (supported.includes(form.op)) return { ...form, field, value: sameKind ? form.value : "", role: sameKind ? form.role : "" };
  return { ...form, field, op: supported[0] ?? "", value: "", role: "" };
}

/** A new criterion of a type, with that type's usual settings (a field criterion on the amount being set, a plan of 3 steps). */
export function newCriterion(type: DraftCriterion["type"], catalog: EditorCatalog): EditorCriterion {
  const base = { _id: localId("criterion"), _autoKey: true, key: "", label: "" };
  switch (type) {
    case "field": {
      const first = catalog.criterionFields[0];
      return { ...base, type, field: first?.field ?? "", condition: { op: first?.conditions[0] ?? "is_set" } };
    }
    case "document":
      return { ...base, type, documentKind: catalog.fileKinds[0] ?? "other" };
    case "plan":
      return { ...base, type, minSteps: 3 };
    default:
      return { ...base, type };
  }
}

/** Another type for a criterion: its key and label kept, the new type's usual settings. */
export function withType(c: EditorCriterion, type: DraftCriterion["type"], catalog: EditorCatalog): EditorCriterion {
  return { ...newCriterion(type, catalog), _id: c._id, _autoKey: c._autoKey, key: c.key, label: c.label };
}

export function newQuestion(answer: string): EditorQuestion {
  return { _id: localId("question"), _autoKey: true, key: "", label: "", answer };
}

/** Every question key of the process but the one at (stage, index): a question's key is unique in the whole process. */
export function otherQuestionKeys(stages: readonly EditorStage[], stage: number, index: number): string[] {
  return stages.flatMap((s, i) => s.questions.filter((_, j) => !(i === stage && j === index)).map((q) => q.key));
}

// —— Problems ——

/** The id of the control a problem's path names (`stages.2.probability` → `field-stages-2-probability`). */
export const fieldId = (path: string) => `field-${path.replace(/\./g, "-")}`;

/** The stage a problem's path is in, if any (`stages.2.exitCriteria.0.key` → 2). */
export function stageOf(path: string): number | null {
  const m = /^stages\.(\d+)(\.|$)/.exec(path);
  return m ? Number(m[1]) : null;
}

/**
 * The control that shows a problem: the path itself, or the nearest control above it that the form
 * has (a condition's problem shows on its condition select, the list's on the stage list).
 */
export function controlPathOf(path: string): string {
  if (path === "stages") return "stages";
  if (/^stages\.\d+\.exitCriteria\.\d+\.condition$/.test(path)) return `${path}.op`;
  return path;
}

/** Problems by the control that shows them. */
export function problemsByControl(problems: readonly DraftProblem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of problems) {
    const at = controlPathOf(p.field);
    map.set(at, [...(map.get(at) ?? []), p.message]);
  }
  return map;
}

/** How many problems each stage has, by index (the stage list shows the count beside each name). */
export function problemCountByStage(problems: readonly DraftProblem[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const p of problems) {
    const i = stageOf(p.field);
    if (i !== null) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  return counts;
}

// —— Words ——

export const STAGE_KIND_LABELS: Record<string, string> = { open: "Open", won: "Won", lost: "Lost" };
export const FORECAST_LABELS: Record<string, string> = {
  pipeline: "Pipeline",
  best_case: "Best case",
  commit: "Commit",
  closed: "Closed",
  omitted: "Omitted",
};
export const CRITERION_TYPE_LABELS: Record<string, string> = {
  check: "Check (a rep attests it)",
  field: "Field (a deal's field meets a condition)",
  document: "Document (a file of a kind attached)",
  approval: "Approval (the deal desk approves)",
  plan: "Close plan (a number of steps)",
};
/** A criterion's type in its own form, where the longer words above would not fit. */
export const CRITERION_TYPE_SHORT_LABELS: Record<string, string> = {
  check: "Check",
  field: "Field",
  document: "Document",
  approval: "Approval",
  plan: "Close plan",
};
export const CRITERION_FIELD_LABELS: Record<string, string> = {
  amount: "Amount",
  closeDate: "Close date",
  nextStep: "Next step",
  nextStepDue: "Next step due",
  buyingProcess: "Buying process",
  decisionCriteria: "Decision criteria",
  whyWon: "Why won",
  years: "Contract years",
  users: "Users",
  contacts: "Contacts",
};
export const CONDITION_LABELS: Record<string, string> = {
  is_set: "is set",
  gt: "is greater than",
  equals: "equals",
  has_contact_role: "include a contact with the role",
};
export const ANSWER_KIND_LABELS: Record<string, string> = { text: "Text", yes_no: "Yes or no", number: "Number", date: "Date" };

const label = (labels: Record<string, string>, value: string | undefined) => (value ? (labels[value] ?? value) : "…");

/** One line saying what a criterion asks, for the preview: "Amount is greater than 0", "A Quote attached". */
export function describeCriterion(c: DraftCriterion, roleLabels: Record<string, string>, fileLabels: Record<string, string>): string {
  switch (c.type) {
    case "check":
      return "Checked by a rep, with an optional note and evidence link";
    case "approval":
      return "Approved through the deal desk";
    case "document":
      return `A file attached: ${label(fileLabels, c.documentKind)}`;
    case "plan":
      return `A close plan of at least ${c.minSteps ?? "…"} steps`;
    case "field": {
      const field = label(CRITERION_FIELD_LABELS, c.field);
      const op = c.condition?.op;
      if (!op) return `${field}: no condition yet`;
      if (op === "has_contact_role") return `${field} include a ${label(roleLabels, c.condition?.role).toLowerCase()}`;
      if (op === "is_set") return `${field} ${c.field === "contacts" ? "are recorded" : "is set"}`;
      return `${field} ${CONDITION_LABELS[op] ?? op} ${c.condition?.value ?? "…"}`;
    }
  }
}

/** The same definition, whatever the order of each object's keys (the server answers them in its own order). */
export function sameDefinition(a: DraftDefinition, b: DraftDefinition): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

const PART_WORDS: Record<string, string> = {
  name: "name",
  key: "key",
  kind: "kind",
  probability: "win probability",
  forecastCategory: "forecast category",
  definition: "definition",
  stallDays: "stall limit",
  goals: "goal",
  buyerDoing: "what the buyer is doing",
  sellerActivities: "seller activity",
  doneCorrectly: "done well",
  doneIncorrectly: "done badly",
  label: "label",
  type: "type",
  field: "field",
  condition: "condition",
  "condition.op": "condition",
  "condition.value": "value",
  "condition.role": "contact role",
  documentKind: "file kind",
  minSteps: "least number of steps",
  answer: "answer",
};

/** Where a problem is, in words: "Stage 3 (Propose), win probability", "Stage 1 (Identify), criterion 2, value". */
export function describeProblemPath(path: string, stages: readonly { name: string }[]): string {
  if (path === "name") return "Process name";
  if (path === "stages") return "Stages";
  const m = /^stages\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!m) return path;
  const i = Number(m[1]);
  const name = stages[i]?.name.trim();
  const stage = `Stage ${i + 1}${name ? ` (${name})` : ""}`;
  const rest = m[2];
  if (!rest) return stage;
  const item = /^(exitCriteria|questions)\.(\d+)\.(.+)$/.exec(rest);
  if (item) return `${stage}, ${item[1] === "exitCriteria" ? "criterion" : "question"} ${Number(item[2]) + 1}, ${PART_WORDS[item[3]!] ?? item[3]}`;
  const line = /^(goals|buyerDoing|sellerActivities)\.(\d+)$/.exec(rest);
  if (line) return `${stage}, ${PART_WORDS[line[1]!]} line ${Number(line[2]) + 1}`;
  return `${stage}, ${PART_WORDS[rest] ?? rest}`;
}
