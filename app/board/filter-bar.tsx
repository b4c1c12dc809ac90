"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useOptimistic, useRef, useState, useTransition } from "react";
import { boardQuery, CLOSE_PERIODS, isFiltered, unfilteredHref, type BoardFilterValues as BoardFilters } from "@/src/server/board/board-query";
import { PERIOD_LABELS } from "@/src/server/board/close-period";
import type { OwnerOption } from "@/src/server/board/owner-options";
import type { ProcessOption } from "@/src/server/board/process-options";
import { cx } from "@/src/ui/cx";
import { inputBase } from "@/src/ui/field";
import { Select } from "@/src/ui/select";
import { ClockIcon, SearchIcon } from "@/src/ui/icons";

type Props = {
  filters: BoardFilters;
  owners: OwnerOption[];
  processes: ProcessOption[];
  /** The process shown (the chosen one, or the default). */
  processKey: string;
  /** What "no owner filter" means for this actor: a manager's team, everyone for an admin; null hides the choice. */
  everyone: "My team" | "Everyone" | null;
  actorId: string;
};

const control = cx(inputBase, "h-8 border-line-strong hover:border-zinc-400");
const amount = (raw: string) => (raw.trim() === "" || Number.isNaN(Number(raw)) ? undefined : Math.max(0, Number(raw)));

/** The board's CSV with the filters of the URL. */
const exportHref = (filters: BoardFilters) => {
  const query = boardQuery(filters);
  return query ? `/board/export?${query}` : "/board/export";
};

/** The board's filters, kept in the URL: every change replaces the address, so it can be shared. */
export function FilterBar({ filters, owners, processes, processKey, everyone, actorId }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(filters.q ?? "");
  const [min, setMin] = useState(filters.min?.toString() ?? "");
  const [max, setMax] = useState(filters.max?.toString() ?? "");

  // Changes made while the last one loads build on it, not on the filters the page was rendered with.
  const requested = useRef(filters);
  // The dropdowns show the choice at once, while the board it asks for loads; the URL then confirms it.
  const [chosen, setChosen] = useOptimistic({ process: processKey, owner: filters.owner ?? "", period: filters.period ?? "" });

  // Clearing the filters (a link) or going back changes the URL under the inputs: they follow it. The
  // bar's own change coming back does not, or it would undo what was typed since it was sent.
  useEffect(() => {
    if (filters.q !== requested.current.q) setQ(filters.q ?? "");
  }, [filters.q]);
  useEffect(() => {
    if (filters.min !== requested.current.min) setMin(filters.min?.toString() ?? "");
  }, [filters.min]);
  useEffect(() => {
    if (filters.max !== requested.current.max) setMax(filters.max?.toString() ?? "");
  }, [filters.max]);
  useEffect(() => {
    requested.current = filters;
  }, [filters]);

  function apply(next: Partial<BoardFilters>) {
    requested.current = { ...requested.current, ...next };
    const query = boardQuery(requested.current);
    startTransition(() => {
      const { process, owner, period } = requested.current;
      setChosen({ process: process ?? processes.find((p) => p.isDefault)?.key ?? processKey, owner: owner ?? "", period: period ?? "" });
      router.replace(query ? `/board?${query}` : "/board", { scroll: false });
    });
  }

  // Typing settles for a moment before the board reloads. Only typing starts the timer: the filters
  // it compares with and `apply` change when the board reloads, which must not start another.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    const typed = { q: q.trim() || undefined, min: amount(min), max: amount(max) };
    if (typed.q === filters.q && typed.min === filters.min && typed.max === filters.max) return;
    const timer = setTimeout(() => apply(typed), 350);
    return () => clearTimeout(timer);
  }, [q, min, max]);

  const active = isFiltered(filters);
  return (
    // biome-ignore lint/a11y/useSemanticElements: the filters are a form (it must not submit), announced as a search landmark
    <form
      role="search"
      aria-label="Filter the board"
      className="flex flex-wrap items-center gap-x-3 gap-y-2.5 pb-5"
      onSubmit={(e) => e.preventDefault()}
    >
      {processes.length > 1 ? (
        <label className="flex items-center gap-2 text-[13px] font-medium whitespace-nowrap text-ink-muted">
          Process
          <Select
            size="sm"
            value={chosen.process}
            onChange={(e) => apply({ process: processes.find((p) => p.key === e.currentTarget.value && !p.isDefault)?.key })}
            className="w-44"
          >
            {processes.map((p) => (
              <option key={p.key} value={p.key}>
                {p.name}
                {p.isDefault ? " (current)" : ""}
              </option>
            ))}
          </Select>
        </label>
      ) : null}
      <div className="relative w-full sm:w-60">
        <label htmlFor="board-search" className="sr-only">
          Search account or deal
        </label>
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-subtle" />
        <input
          id="board-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          placeholder="Search account or deal"
          className={cx(control, "w-full pl-9")}
          maxLength={100}
        />
      </div>
      {everyone ? (
        <label className="flex items-center gap-2 text-[13px] font-medium whitespace-nowrap text-ink-muted">
          Owner
          <Select size="sm" value={chosen.owner} onChange={(e) => apply({ owner: e.currentTarget.value || undefined })} className="w-40">
            <option value="">{everyone}</option>
            <option value="mine">Mine</option>
            {owners
              .filter((o) => o.id !== actorId)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
          </Select>
        </label>
      ) : null}
      <label className="flex items-center gap-2 text-[13px] font-medium whitespace-nowrap text-ink-muted">
        Close date
        <Select
          size="sm"
          value={chosen.period}
          onChange={(e) => apply({ period: (e.currentTarget.value || undefined) as BoardFilters["period"] })}
          className="w-36"
        >
          <option value="">Any time</option>
          {CLOSE_PERIODS.map((p) => (
            <option key={p} value={p}>
              {PERIOD_LABELS[p]}
            </option>
          ))}
        </Select>
      </label>
      {/* biome-ignore lint/a11y/useSemanticElements: two inputs on one line under one label; a fieldset's legend would not sit inline */}
      <div role="group" aria-labelledby="board-amount" className="flex items-center gap-1.5 text-[13px] text-ink-muted">
        <span id="board-amount" className="mr-0.5 font-medium">
          Amount
        </span>
        <div className="w-24">
          <input
            aria-label="Minimum amount"
            inputMode="decimal"
            placeholder="Min"
            value={min}
            onChange={(e) => setMin(e.currentTarget.value)}
            className={control}
          />
        </div>
        <span aria-hidden="true">–</span>
        <div className="w-24">
          <input
            aria-label="Maximum amount"
            inputMode="decimal"
            placeholder="Max"
            value={max}
            onChange={(e) => setMax(e.currentTarget.value)}
            className={control}
          />
        </div>
      </div>
      <label
        className={cx(
          "flex h-8 cursor-pointer items-center gap-2 rounded-lg border px-3 text-[13px] font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent",
          filters.stalled ? "border-amber-300 bg-amber-50 text-amber-900" : "border-line-strong bg-surface text-ink-muted hover:bg-zinc-50",
        )}
      >
        <input type="checkbox" className="sr-only" checked={filters.stalled} onChange={(e) => apply({ stalled: e.currentTarget.checked })} />
        <ClockIcon className="size-4" />
        Stalled only
      </label>
      {active ? (
        <Link
          href={unfilteredHref(filters)}
          scroll={false}
          className="rounded-md px-1 text-[13px] font-medium text-accent hover:text-accent-hover hover:underline"
        >
          Clear filters
        </Link>
      ) : null}
      <span aria-live="polite" className="text-[13px] text-ink-subtle">
        {pending ? "Updating…" : ""}
      </span>
      {/* Every deal the filters match, not only the loaded cards, in the format the import reads back. */}
      <a
        href={exportHref(filters)}
        download
        className="ml-auto flex h-8 items-center rounded-lg border border-line-strong bg-surface px-3 text-[13px] font-medium text-ink-muted transition-colors hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
      >
        Download CSV
      </a>
    </form>
  );
}
