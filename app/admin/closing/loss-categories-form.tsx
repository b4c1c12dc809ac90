"use client";

// The loss categories a Closed Lost move chooses from: renamed in place, added, retired and brought
// back, ordered. A category keeps its key for life (past losses group by it), so a stored one is never
// deleted: it is retired. Saving sends the whole list in order; a stored category left out is kept
// retired by the server (docs/rules/closing.md, "Loss categories").
import { useEffect, useId, useState } from "react";
import { humanize } from "@/app/opportunities/_lib/problems";
import { editCategories, type LossCategory } from "@/src/domain/closing/loss-categories";
import { Badge } from "@/src/ui/badge";
import { Button } from "@/src/ui/button";
import { cx } from "@/src/ui/cx";
import { Input } from "@/src/ui/field";
import { PlusIcon } from "@/src/ui/icons";
import { saveLossCategoriesAction } from "./actions";
import { FormOutcome, ProblemList, useActionForm } from "@/app/_kit/action-form";

type Row = { id: string; key?: string; label: string; retired: boolean };

const rowsOf = (categories: LossCategory[]): Row[] => categories.map((c) => ({ id: c.key, key: c.key, label: c.label, retired: c.retired }));

export function LossCategoriesForm({ categories }: { categories: LossCategory[] }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(categories));
  const [added, setAdded] = useState("");
  const [said, setSaid] = useState("");
  const uid = useId();
  const stored = JSON.stringify(categories);
  const fields = ["lossCategories", ...rows.map((_, i) => `lossCategories.${i}.label`)];
  const form = useActionForm(fields);
  // After a save the page re-renders with the list as stored (new keys, left-out ones retired).
  useEffect(() => setRows(rowsOf(JSON.parse(stored))), [stored]);

  const change = (next: Row[], say?: string) => {
    form.edited();
    setRows(next);
    if (say) setSaid(say);
  };
  const update = (i: number, patch: Partial<Row>) => change(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  function move(i: number, by: -1 | 1) {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    change(next, `${row!.label} moved to position ${i + by + 1} of ${rows.length}.`);
    requestAnimationFrame(() => document.getElementById(`${uid}-${row!.id}-${by < 0 ? "up" : "down"}`)?.focus());
  }
  function add() {
    const label = added.trim();
    if (!label) return;
    change([...rows, { id: `new-${Date.now()}`, label, retired: false }], `${label} added at the end. Save to keep it.`);
    setAdded("");
  }

  const live = editCategories(
    JSON.parse(stored) as LossCategory[],
    rows.map((r) => ({ key: r.key, label: r.label, retired: r.retired })),
  );
  const liveProblems = live.ok ? [] : live.problems;
  const listProblems = form.problems("lossCategories");
  const shownProblems = listProblems.length ? listProblems : liveProblems;
  const inUse = rows.filter((r) => !r.retired).length;
  const submit = form.onSubmit(
    () =>
      saveLossCategoriesAction({
        lossCategories: rows.map((r) => (r.key ? { key: r.key, label: r.label, retired: r.retired } : { label: r.label })),
      }),
    (saved) => `Saved: ${saved.lossCategories.filter((c) => !c.retired).length} in use.`,
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Loss categories" className="space-y-4">
      <p className="text-[13px] text-ink-muted">
        A category is never deleted: past losses keep theirs. Retire one to take it off the choices of a Closed Lost move; bring it back at any time.
        A stored category left off the list is kept, retired.
      </p>
      <ol className="divide-y divide-line rounded-lg border border-line">
        {rows.map((row, i) => {
          const labelId = `${uid}-${row.id}-label`;
          const problem = form.problem(`lossCategories.${i}.label`);
          return (
            <li key={row.id} className={cx("flex flex-wrap items-center gap-2 px-3 py-2", row.retired && "bg-canvas")}>
              <span className="w-6 text-right text-[13px] text-ink-muted tabular-nums" aria-hidden="true">
                {i + 1}.
              </span>
              <div className="min-w-40 flex-1">
                <label htmlFor={labelId} className="sr-only">
                  Name of category {i + 1}
                </label>
                <Input
                  id={labelId}
                  value={row.label}
                  maxLength={100}
                  invalid={!!problem}
                  aria-describedby={problem ? `${labelId}-help` : undefined}
                  onChange={(e) => update(i, { label: e.target.value })}
                  className={cx("h-9", row.retired && "text-ink-muted")}
                />
                {problem ? (
                  <p id={`${labelId}-help`} className="mt-1 text-[13px] text-red-700">
                    {humanize(problem)}
                  </p>
                ) : null}
              </div>
              {row.retired ? <Badge>Retired</Badge> : null}
              {!row.key ? <Badge tone="accent">New</Badge> : null}
              <div className="flex items-center gap-1">
                <Button
                  id={`${uid}-${row.id}-up`}
                  size="sm"
                  variant="ghost"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`Move ${row.label || `category ${i + 1}`} up`}
                >
                  ↑
                </Button>
                <Button
                  id={`${uid}-${row.id}-down`}
                  size="sm"
                  variant="ghost"
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Move ${row.label || `category ${i + 1}`} down`}
                >
                  ↓
                </Button>
                {row.key ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => {
                      update(i, { retired: !row.retired });
                      setSaid(row.retired ? `${row.label} is back in use. Save to keep it.` : `${row.label} retired. Save to keep it.`);
                    }}
                    aria-label={`${row.retired ? "Bring back" : "Retire"} ${row.label}`}
                  >
                    {row.retired ? "Bring back" : "Retire"}
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() =>
                      change(
                        rows.filter((_, j) => j !== i),
                        `${row.label} removed.`,
                      )
                    }
                    aria-label={`Remove ${row.label}`}
                  >
                    Remove
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-56 flex-1 space-y-1.5">
          <label htmlFor={`${uid}-add`} className="block text-sm font-medium text-ink">
            New category
          </label>
          <Input
            id={`${uid}-add`}
            value={added}
            maxLength={100}
            onChange={(e) => setAdded(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
        </div>
        <Button variant="secondary" onClick={add} disabled={!added.trim()}>
          <PlusIcon className="size-4" />
          Add
        </Button>
      </div>
      <ProblemList problems={shownProblems} />
      <p aria-live="polite" className="sr-only">
        {said}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Saving…" : "Save loss categories"}
        </Button>
        <span className="text-[13px] text-ink-muted">
          {inUse} in use, {rows.length - inUse} retired
        </span>
        <FormOutcome general={listProblems.length ? undefined : form.general} notice={form.notice} />
      </div>
    </form>
  );
}
