"use client";

// What a check or an import did to each row: the totals, the stages and owners nothing matched (each
// can be named here, then the file checked again), every row's outcome and problems, a CSV of it all.
import Link from "next/link";
import Papa from "papaparse";
import { useEffect, useId, useRef, useState } from "react";
import { reportCsvRows } from "@/src/domain/imports/import-plan";
import type { ImportOutcome, ImportReport } from "@/src/schemas/imports";
import type { ImportOptions } from "@/src/server/imports/import-options";
import { Badge, type BadgeTone } from "@/src/ui/badge";
import { Button, ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { cx } from "@/src/ui/cx";
import { CheckCircleIcon, DownloadIcon, InfoIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { Stat } from "@/src/ui/stat";

type Props = {
  report: ImportReport;
  fileName: string;
  options: ImportOptions;
  stages: Record<string, string>;
  owners: Record<string, string>;
  onStages: (stages: Record<string, string>) => void;
  onOwners: (owners: Record<string, string>) => void;
  /** The report is of a check run with the mapping as it is now: importing does what it says. */
  checked: boolean;
  onCheckAgain: () => void;
  onImport: () => void;
  onStartOver: () => void;
};

const OUTCOME_TONES: Record<ImportOutcome, BadgeTone> = { created: "success", updated: "accent", unchanged: "neutral", refused: "danger" };
const OUTCOME_WORDS: Record<ImportOutcome, { checked: string; done: string }> = {
  created: { checked: "Will be created", done: "Created" },
  updated: { checked: "Will be updated", done: "Updated" },
  unchanged: { checked: "Unchanged", done: "Unchanged" },
  refused: { checked: "Refused", done: "Refused" },
};
const FILTERS = ["all", "refused", "created", "updated", "unchanged"] as const;
type Filter = (typeof FILTERS)[number];
const PAGE = 50;

export function ImportReportView(props: Props) {
  const { report, fileName, checked } = props;
  const [filter, setFilter] = useState<Filter>(report.refused > 0 ? "refused" : "all");
  const [page, setPage] = useState(0);
  const words = (o: ImportOutcome) => (report.dryRun ? OUTCOME_WORDS[o].checked : OUTCOME_WORDS[o].done);
  const rows = filter === "all" ? report.rows : report.rows.filter((r) => r.outcome === filter);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, page * PAGE + PAGE);
  const writes = report.created + report.updated;
  const unknown = report.unknownStages.length + report.unknownOwners.length;
  const heading = useRef<HTMLHeadingElement>(null);
  // A new report (the view is mounted afresh after each run) takes the focus: a keyboard or screen
  // reader user lands on what the run found.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  function download() {
    const csv = Papa.unparse(reportCsvRows(report.rows), { escapeFormulae: true });
    const url = URL.createObjectURL(new Blob([`\ufeff${csv}`], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${fileName.replace(/\.csv$/i, "")}-${report.dryRun ? "check" : "import"}-report.csv`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section aria-labelledby="import-report-heading" className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="import-report-heading" ref={heading} tabIndex={-1} className="scroll-mt-20 text-lg font-semibold text-ink focus:outline-none">
            {report.dryRun ? "3. What importing would do" : "Imported"}
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-ink-muted">
            {report.dryRun
              ? `${report.rows.length.toLocaleString("en-US")} rows checked; nothing has been written yet.`
              : `${report.rows.length.toLocaleString("en-US")} rows of ${fileName} read.`}{" "}
            {report.note}
          </p>
        </div>
        <Button variant="secondary" size="sm" onClick={download}>
          <DownloadIcon className="size-4" />
          Download the report (CSV)
        </Button>
      </div>

      <section aria-label="Totals" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {(["created", "updated", "unchanged", "refused"] as const).map((o) => (
          <Stat key={o} label={words(o)} value={report[o].toLocaleString("en-US")} tone={o === "refused" && report[o] > 0 ? "danger" : "neutral"} />
        ))}
      </section>

      {report.dryRun && unknown > 0 ? <Unmatched {...props} /> : null}

      <Card flush title="Rows" description="Each row as a spreadsheet numbers it: the header is row 1.">
        <fieldset className="flex flex-wrap gap-1 border-b border-line px-5 py-3">
          <legend className="sr-only">Show rows</legend>
          {FILTERS.map((f) => {
            const count = f === "all" ? report.rows.length : report[f];
            return (
              <button
                key={f}
                type="button"
                aria-pressed={filter === f}
                onClick={() => {
                  setFilter(f);
                  setPage(0);
                }}
                className={cx(
                  "rounded-md px-2.5 py-1 text-[13px] font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
                  filter === f ? "bg-accent-soft text-accent-ink" : "text-ink-muted hover:bg-zinc-100",
                )}
              >
                {f === "all" ? "All" : words(f)} ({count.toLocaleString("en-US")})
              </button>
            );
          })}
        </fieldset>
        {shown.length === 0 ? (
          <p className="flex items-center gap-2 px-5 py-6 text-sm text-ink-muted">
            <CheckCircleIcon className="size-4" />
            No row is {filter === "all" ? "in the file" : words(filter as ImportOutcome).toLowerCase()}.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">Rows of the file and their outcome</caption>
              <thead className="bg-canvas text-[13px] text-ink-muted">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">
                    Row
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Outcome
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    External id
                  </th>
                  <th scope="col" className="px-5 py-2 font-medium">
                    Problems
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {shown.map((r) => (
                  <tr key={r.row} className="align-top">
                    <td className="px-5 py-2 tabular-nums text-ink-muted">{r.row}</td>
                    <td className="px-3 py-2">
                      <Badge tone={OUTCOME_TONES[r.outcome]}>{words(r.outcome)}</Badge>
                    </td>
                    <td className="px-3 py-2 font-mono text-[13px] break-all">
                      {r.id ? (
                        <Link href={`/opportunities/${r.id}`} className="text-accent hover:underline">
                          {r.externalId ?? r.id}
                        </Link>
                      ) : (
                        (r.externalId ?? <span className="text-ink-subtle">none</span>)
                      )}
                    </td>
                    <td className="px-5 py-2">
                      {r.errors?.length ? (
                        <ul className="space-y-0.5 text-red-700">
                          {r.errors.map((e) => (
                            <li key={`${e.field}-${e.message}`}>
                              <span className="font-medium">{e.field}</span>: {e.message}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="text-ink-subtle">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav
            className="flex items-center justify-between gap-3 border-t border-line px-5 py-3 text-[13px] text-ink-muted"
            aria-label="Pages of rows"
          >
            <span>
              Rows {(page * PAGE + 1).toLocaleString("en-US")}–{Math.min(rows.length, (page + 1) * PAGE).toLocaleString("en-US")} of{" "}
              {rows.length.toLocaleString("en-US")}
            </span>
            <span className="flex gap-2">
              <Button variant="secondary" size="sm" disabled={page === 0} onClick={() => setPage(page - 1)}>
                Previous
              </Button>
              <Button variant="secondary" size="sm" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
                Next
              </Button>
            </span>
          </nav>
        ) : null}
      </Card>

      <div className="flex flex-wrap items-center gap-3">
        {report.dryRun ? (
          checked ? (
            <Button onClick={props.onImport} disabled={writes === 0}>
              {writes === 0 ? "Nothing to import" : `Import ${writes.toLocaleString("en-US")} ${writes === 1 ? "row" : "rows"}`}
            </Button>
          ) : (
            <Button onClick={props.onCheckAgain}>Check again with these changes</Button>
          )
        ) : (
          <ButtonLink href="/board">Open the board</ButtonLink>
        )}
        <Button variant="secondary" onClick={props.onStartOver}>
          {report.dryRun ? "Start over" : "Import another file"}
        </Button>
        {report.dryRun && checked && report.refused > 0 && writes > 0 ? (
          <p className="text-[13px] text-ink-muted">Refused rows are left out; fix them in the file and import it again later.</p>
        ) : null}
      </div>
    </section>
  );
}

/** The stages and owners of the file that matched nothing, each with a choice of what it means. */
function Unmatched({ report, options, stages, owners, onStages, onOwners }: Props) {
  return (
    <Card
      title="Name what the file's values mean"
      description="These stages and owners match nothing here. Choose what each one is, then check the file again; rows left unnamed stay refused."
    >
      <div className="grid gap-6 lg:grid-cols-2">
        {report.unknownStages.length > 0 ? (
          <ValueChoices
            legend={`Stages, in ${options.processName}`}
            values={report.unknownStages}
            chosen={stages}
            onChosen={onStages}
            choices={options.stages.map((s) => ({ value: s.key, label: s.name }))}
          />
        ) : null}
        {report.unknownOwners.length > 0 ? (
          <ValueChoices
            legend="Owners"
            values={report.unknownOwners}
            chosen={owners}
            onChosen={onOwners}
            choices={options.owners.map((o) => ({ value: o.email, label: `${o.name} (${o.email})` }))}
            none="There is nobody you may import deals for."
          />
        ) : null}
      </div>
    </Card>
  );
}

/** The file's values of one kind, each with a select of what it means here ("Leave refused" by default). */
function ValueChoices({
  legend,
  values,
  chosen,
  onChosen,
  choices,
  none,
}: {
  legend: string;
  values: { value: string; rows: number }[];
  chosen: Record<string, string>;
  onChosen: (chosen: Record<string, string>) => void;
  choices: { value: string; label: string }[];
  /** Said instead of the list when there is nothing to choose from. */
  none?: string;
}) {
  const ids = useId();
  return (
    <fieldset>
      <legend className="text-sm font-semibold text-ink">{legend}</legend>
      {choices.length === 0 && none ? (
        <p className="mt-3 flex items-start gap-2 text-sm text-ink-muted">
          <InfoIcon className="mt-0.5 size-4 shrink-0" />
          {none}
        </p>
      ) : (
        <ul className="mt-3 space-y-3">
          {values.map((u, i) => (
            <li key={u.value} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] items-center gap-3">
              <label htmlFor={`${ids}-${i}`} className="text-sm break-words text-ink">
                “{u.value}”{" "}
                <span className="text-ink-muted">
                  ({u.rows.toLocaleString("en-US")} {u.rows === 1 ? "row" : "rows"})
                </span>
              </label>
              <Select
                id={`${ids}-${i}`}
                size="sm"
                value={chosen[u.value] ?? ""}
                onChange={(e) => {
                  const { [u.value]: _, ...rest } = chosen;
                  onChosen(e.target.value ? { ...rest, [u.value]: e.target.value } : rest);
                }}
              >
                <option value="">Leave refused</option>
                {choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </Select>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
