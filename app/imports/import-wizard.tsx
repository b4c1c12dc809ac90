"use client";

// The import, step by step: choose a file, check how its columns map, check the file (a dry run),
// name what matched nothing, import. Each run goes to the API with the mapping built here; the
// report of the last run is what the page shows.
import { useId, useRef, useState } from "react";
import { IMPORT_FIELDS, IMPORT_SOURCES, type ImportField, type ImportSource } from "@/src/domain/imports/csv-values";
import { defaultColumns, detectSource, IMPORT_FIELD_LABELS, missingFields } from "@/src/domain/imports/import-plan";
import type { ImportMapping, ImportReport } from "@/src/schemas/imports";
import type { ImportOptions } from "@/src/server/imports/import-options";
import { Button } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { Field, Input } from "@/src/ui/field";
import { AlertIcon } from "@/src/ui/icons";
import { Select } from "@/src/ui/select";
import { ImportProgress } from "./import-progress";
import { ImportReportView } from "./import-report";
import { type FileHead, readFileHead } from "./read-header";
import { ImportFailure, type ImportStatus, sendImport } from "./send-import";

type Props = { options: ImportOptions; limits: { bytes: number; rows: number } };

export const SOURCE_LABELS: Record<ImportSource, string> = {
  salesforce: "Salesforce",
  hubspot: "HubSpot",
  stageline: "Stageline (this app's export)",
};

type Format = { dates: "mdy" | "dmy"; decimal: "auto" | "." | ","; currency: string };

type Run = { dryRun: boolean; status: ImportStatus | null; abort: () => void };

const MB = 1024 * 1024;

export function ImportWizard({ options, limits }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [head, setHead] = useState<FileHead | null>(null);
  const [source, setSource] = useState<ImportSource>("salesforce");
  const [columns, setColumns] = useState<Record<string, ImportField | null>>({});
  const [format, setFormat] = useState<Format>({ dates: "mdy", decimal: "auto", currency: "" });
  const [stages, setStages] = useState<Record<string, string>>({});
  const [owners, setOwners] = useState<Record<string, string>>({});
  const [run, setRun] = useState<Run | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  // What the last check ran with: an import runs only with what was checked.
  const [checkedWith, setCheckedWith] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = useId();

  function reset() {
    setFile(null);
    setHead(null);
    setReport(null);
    setFailure(null);
    setStages({});
    setOwners({});
    setFileError(null);
    setCheckedWith(null);
    if (fileInput.current) fileInput.current.value = "";
  }

  async function choose(chosen: File | undefined) {
    reset();
    if (!chosen) return;
    if (chosen.size > limits.bytes) {
      setFileError(
        `${chosen.name} is ${(chosen.size / MB).toFixed(1)} MB; an import takes files up to ${Math.floor(limits.bytes / MB)} MB. Split it into smaller files.`,
      );
      return;
    }
    try {
      const read = await readFileHead(chosen);
      if (read.header.length === 0) {
        setFileError(`${chosen.name} is empty: there is no header line to read.`);
        return;
      }
      const detected = detectSource(read.header);
      setFile(chosen);
      setHead(read);
      setSource(detected);
      setColumns(defaultColumns(detected, read.header));
    } catch {
      setFileError(`${chosen.name} could not be read. Save it as a CSV file (UTF-8) and choose it again.`);
    }
  }

  function changeSource(next: ImportSource) {
    setSource(next);
    if (head) setColumns(defaultColumns(next, head.header));
    setReport(null);
  }

  const mapping = (): ImportMapping => ({
    columns,
    ...(Object.keys(stages).length ? { stages } : {}),
    ...(Object.keys(owners).length ? { owners } : {}),
    dates: format.dates,
    ...(format.decimal === "auto" ? {} : { decimal: format.decimal }),
    ...(format.currency.trim() ? { currency: format.currency.trim().toUpperCase() } : {}),
  });

  async function start(dryRun: boolean) {
    if (!file) return;
    setFailure(null);
    const plan = mapping();
    const sent = sendImport({ file, source, dryRun, mapping: plan }, (status) => setRun((r) => (r ? { ...r, status } : r)));
    setRun({ dryRun, status: { phase: "uploading", fraction: 0 }, abort: sent.abort });
    try {
      const answer = await sent.done;
      setReport(answer);
      setCheckedWith(dryRun ? JSON.stringify([source, plan]) : null);
    } catch (error) {
      setFailure(error instanceof ImportFailure ? error : new ImportFailure("The import could not be sent. Try again."));
      if (!dryRun) setReport(null);
    } finally {
      setRun(null);
    }
  }

  const missing = missingFields(columns);
  const imported = report && !report.dryRun;

  return (
    <div className="space-y-5">
      {!imported ? (
        <Card title="1. Choose a file" description="A CSV file, up to the limits below. Its first line must name the columns.">
          <div className="flex flex-wrap items-end gap-4">
            <Field
              id={`${ids}-file`}
              label="CSV file"
              hint={`Up to ${Math.floor(limits.bytes / MB)} MB and ${limits.rows.toLocaleString("en-US")} rows. Comma, semicolon or tab separated; UTF-8.`}
              error={fileError}
              className="min-w-0 flex-1"
            >
              <input
                ref={fileInput}
                id={`${ids}-file`}
                type="file"
                accept=".csv,text/csv,text/plain"
                aria-describedby={`${ids}-file-help`}
                disabled={run !== null}
                onChange={(event) => void choose(event.target.files?.[0])}
                className="block w-full text-sm text-ink-muted file:mr-3 file:h-10 file:cursor-pointer file:rounded-lg file:border file:border-line-strong file:bg-surface file:px-4 file:text-sm file:font-medium file:text-ink hover:file:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
              />
            </Field>
            {file && head ? (
              <p className="pb-7 text-[13px] text-ink-muted">
                {head.header.length} columns · {(file.size / 1024).toFixed(file.size < 10 * 1024 ? 1 : 0)} KB
              </p>
            ) : null}
          </div>
        </Card>
      ) : null}

      {file && head && !imported ? (
        <Card
          title="2. Match the columns"
          description="Each column of the file and the field it fills. The defaults are how the chosen source names its columns; change any of them."
        >
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Field id={`${ids}-source`} label="Exported from">
              <Select id={`${ids}-source`} value={source} disabled={run !== null} onChange={(e) => changeSource(e.target.value as ImportSource)}>
                {IMPORT_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {SOURCE_LABELS[s]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id={`${ids}-dates`} label="Dates like 03/04/2027 are">
              <Select
                id={`${ids}-dates`}
                value={format.dates}
                disabled={run !== null}
                onChange={(e) => setFormat({ ...format, dates: e.target.value as Format["dates"] })}
              >
                <option value="mdy">Month first (3 April is 04/03)</option>
                <option value="dmy">Day first (3 April is 03/04)</option>
              </Select>
            </Field>
            <Field id={`${ids}-decimal`} label="Decimal mark in amounts">
              <Select
                id={`${ids}-decimal`}
                value={format.decimal}
                disabled={run !== null}
                onChange={(e) => setFormat({ ...format, decimal: e.target.value as Format["decimal"] })}
              >
                <option value="auto">As the separator suggests</option>
                <option value=".">Point (1,234.50)</option>
                <option value=",">Comma (1.234,50)</option>
              </Select>
            </Field>
            <Field id={`${ids}-currency`} label="Currency when a row has none" hint="A three-letter code; USD if empty.">
              <Input
                id={`${ids}-currency`}
                value={format.currency}
                maxLength={3}
                placeholder="USD"
                aria-describedby={`${ids}-currency-help`}
                disabled={run !== null}
                onChange={(e) => setFormat({ ...format, currency: e.target.value })}
                className="uppercase"
              />
            </Field>
          </div>
          <div className="-mx-5 mt-5 overflow-x-auto border-t border-line">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">The file's columns and the field each one fills</caption>
              <thead className="bg-canvas text-[13px] text-ink-muted">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">
                    Column in the file
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    First row
                  </th>
                  <th scope="col" className="px-5 py-2 font-medium">
                    Fills
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {head.header.map((name, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a file's columns are fixed, and two may share a name
                  <tr key={`${index}-${name}`}>
                    <th scope="row" className="px-5 py-2 font-medium text-ink">
                      {name || <span className="text-ink-subtle">(no name)</span>}
                    </th>
                    <td className="max-w-56 truncate px-3 py-2 text-ink-muted" title={head.sample[index]}>
                      {head.sample[index] || <span className="text-ink-subtle">empty</span>}
                    </td>
                    <td className="px-5 py-2">
                      <Select
                        size="sm"
                        aria-label={`Field for the column ${name}`}
                        value={columns[name] ?? ""}
                        disabled={run !== null || !name}
                        onChange={(e) => {
                          setColumns({ ...columns, [name]: (e.target.value || null) as ImportField | null });
                          setReport(null);
                        }}
                        className="max-w-60"
                      >
                        <option value="">Not imported</option>
                        {IMPORT_FIELDS.map((f) => (
                          <option key={f} value={f}>
                            {IMPORT_FIELD_LABELS[f]}
                          </option>
                        ))}
                      </Select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {missing.length > 0 ? (
            <p className="mt-4 flex items-start gap-2 text-sm text-red-700" role="alert">
              <AlertIcon className="mt-0.5 size-4 shrink-0" />
              Every row needs these, and no column fills them yet: {missing.map((f) => IMPORT_FIELD_LABELS[f].toLowerCase()).join(", ")}.
            </p>
          ) : null}
          <div className="mt-5 flex flex-wrap items-center gap-3">
            <Button onClick={() => void start(true)} disabled={run !== null || missing.length > 0}>
              {report ? "Check the file again" : "Check the file"}
            </Button>
            <Button variant="secondary" onClick={reset} disabled={run !== null}>
              Choose another file
            </Button>
            <p className="text-[13px] text-ink-muted">Checking writes nothing: it shows what importing would do to each row.</p>
          </div>
        </Card>
      ) : null}

      {run ? <ImportProgress dryRun={run.dryRun} status={run.status} onStop={run.dryRun ? run.abort : undefined} /> : null}

      {failure ? (
        <div role="alert" className="rounded-card border border-red-200 bg-red-50 px-5 py-4 text-sm text-red-800">
          <p className="flex items-start gap-2 font-medium">
            <AlertIcon className="mt-0.5 size-4 shrink-0" />
            {failure.message}
          </p>
          {failure.fields.length > 0 ? (
            <ul className="mt-2 list-disc space-y-1 pl-10">
              {failure.fields.map((f) => (
                <li key={`${f.field}-${f.message}`}>{f.message}</li>
              ))}
            </ul>
          ) : null}
          {failure.partWay ? (
            <p className="mt-2 pl-6">
              The rows before the failure were imported. Importing the same file again carries on: rows already imported are left unchanged.
            </p>
          ) : null}
        </div>
      ) : null}

      {report && !run ? (
        <ImportReportView
          report={report}
          fileName={file?.name ?? "import"}
          options={options}
          stages={stages}
          owners={owners}
          onStages={setStages}
          onOwners={setOwners}
          checked={checkedWith === JSON.stringify([source, mapping()])}
          onCheckAgain={() => void start(true)}
          onImport={() => void start(false)}
          onStartOver={reset}
        />
      ) : null}
    </div>
  );
}
