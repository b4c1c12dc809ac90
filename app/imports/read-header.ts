// The first lines of a chosen file, read in the browser: the column names and the first row, so the
// page can propose a mapping before anything is sent. Only the file's beginning is read.
import Papa from "papaparse";
import { detectDelimiter } from "@/src/domain/imports/csv-values";

export type FileHead = { header: string[]; sample: string[] };

const HEAD_BYTES = 256 * 1024;

export async function readFileHead(file: File): Promise<FileHead> {
  const text = (await file.slice(0, HEAD_BYTES).text()).replace(/^\ufeff/, "");
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? "";
  const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(firstLine), preview: 2, skipEmptyLines: "greedy" });
  const [header = [], sample = []] = parsed.data;
  return { header: header.map((name) => name.trim()), sample };
}
