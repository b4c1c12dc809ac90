// An import's report holds a line for every row of the file (the API's contract). Held in memory it
// would grow with the file, which the import itself does not; so each batch's lines go to a
// temporary file as the batch finishes, and the answer streams them from there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import type { ImportReport, ImportRowReport } from "../../schemas/imports";

/** The report but its rows: the totals and the values that matched nothing. */
export type ImportSummary = Omit<ImportReport, "rows">;

/** A finished import's report, its rows read back from the spool; dispose removes the spool. */
export type SpooledReport = {
  summary: ImportSummary;
  rows(): AsyncIterable<ImportRowReport>;
  dispose(): Promise<void>;
};

export class RowSpool {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-import-report-"));
  private readonly file = path.join(this.dir, "rows.ndjson");
  private handle: Promise<fs.promises.FileHandle> | null = fs.promises.open(this.file, "w");

  /** Appends a batch's lines, in the order given. */
  async append(entries: readonly ImportRowReport[]): Promise<void> {
    if (entries.length === 0) return;
    if (!this.handle) throw new Error("The report's rows were already read.");
    await (await this.handle).write(entries.map((e) => `${JSON.stringify(e)}\n`).join(""));
  }

  /** Every line appended, in order; nothing may be appended after. */
  async *read(): AsyncGenerator<ImportRowReport> {
    await this.close();
    const lines = readline.createInterface({ input: fs.createReadStream(this.file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) if (line) yield JSON.parse(line) as ImportRowReport;
  }

  async dispose(): Promise<void> {
    await this.close().catch(() => undefined);
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }

  private async close() {
    const handle = this.handle;
    this.handle = null;
    if (handle) await (await handle).close();
  }
}

/**
 * The report as JSON text, in pieces of about 64 KiB: its totals, then its rows one by one from the
 * spool. The same document as `JSON.stringify(report)`, with `rows` last.
 */
export async function* reportJson(report: SpooledReport): AsyncGenerator<string> {
  const totals = JSON.stringify(report.summary);
  let chunk = `${totals.slice(0, -1)},"rows":[`;
  let first = true;
  for await (const row of report.rows()) {
    chunk += `${first ? "" : ","}${JSON.stringify(row)}`;
    first = false;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}]}`;
}
