// Sends a file to POST /api/v1/imports and follows it: the upload's bytes, then the server's progress
// lines (Accept: application/x-ndjson), then the report. XMLHttpRequest rather than fetch: it reports
// the upload's progress, which for a large file is the first long wait.
import type { ImportMapping, ImportProgressLine, ImportReport } from "@/src/schemas/imports";

export type ImportRequest = { file: File; source: string; dryRun: boolean; mapping: ImportMapping };

export type ImportStatus = { phase: "uploading"; fraction: number } | { phase: "rows"; rowsDone: number; rowsTotal: number };

/** A refusal as the API words it, with the fields it names. */
export class ImportFailure extends Error {
  constructor(
    message: string,
    readonly fields: { field: string; message: string }[] = [],
    /** Part of the file was imported before the failure (its batches stay written). */
    readonly partWay = false,
  ) {
    super(message);
  }
}

type ErrorBody = { error?: { message?: string; details?: { fields?: { field: string; message: string }[] } } };

const failureOf = (body: ErrorBody | undefined, fallback: string, partWay = false) =>
  new ImportFailure(body?.error?.message ?? fallback, body?.error?.details?.fields ?? [], partWay);

export function sendImport(request: ImportRequest, onStatus: (status: ImportStatus) => void): { done: Promise<ImportReport>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportReport>((resolve, reject) => {
    let read = 0;
    let report: ImportReport | null = null;
    let failure: ImportFailure | null = null;
    let sawProgress = false;
    const take = (final: boolean) => {
      const text = xhr.responseText;
      let end = text.indexOf("\n", read);
      while (end >= 0 || (final && read < text.length)) {
        const raw = text.slice(read, end >= 0 ? end : text.length).trim();
        read = end >= 0 ? end + 1 : text.length;
        if (raw) {
          const line = JSON.parse(raw) as ImportProgressLine;
          if (line.type === "progress") {
            sawProgress = true;
            onStatus({ phase: "rows", rowsDone: line.rowsDone, rowsTotal: line.rowsTotal });
          } else if (line.type === "report") report = line.report;
          else failure = failureOf({ error: line.error as ErrorBody["error"] }, "The import stopped.", sawProgress);
        }
        end = text.indexOf("\n", read);
      }
    };
    xhr.open("POST", "/api/v1/imports");
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onStatus({ phase: "uploading", fraction: event.loaded / event.total });
    };
    xhr.onprogress = () => {
      if (xhr.status === 200) take(false);
    };
    xhr.onload = () => {
      if (xhr.status !== 200) {
        let body: ErrorBody | undefined;
        try {
          body = JSON.parse(xhr.responseText) as ErrorBody;
        } catch {
          body = undefined;
        }
        reject(failureOf(body, `The server answered ${xhr.status}. Nothing was imported.`));
        return;
      }
      try {
        take(true);
      } catch {
        reject(new ImportFailure("The server's answer could not be read.", [], sawProgress));
        return;
      }
      if (report) resolve(report);
      else reject(failure ?? new ImportFailure("The import stopped before its report.", [], sawProgress));
    };
    xhr.onerror = () => reject(new ImportFailure("The connection to the server was lost. Check your network, then try again.", [], sawProgress));
    xhr.onabort = () => reject(new ImportFailure("Stopped.", [], sawProgress));
    const form = new FormData();
    form.set("file", request.file, request.file.name);
    form.set("source", request.source);
    form.set("dryRun", String(request.dryRun));
    form.set("mapping", JSON.stringify(request.mapping));
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
