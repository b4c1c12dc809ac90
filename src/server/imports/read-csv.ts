// A CSV file read as a stream of records (papaparse), so that memory holds one batch of rows, not the
// file's rows: quoted fields, newlines inside quotes, a UTF-8 byte order mark (dropped by the decoder)
// and `,`, `;` or tab separators, told apart on the header line.
import { Readable } from "node:stream";
import Papa from "papaparse";
import { detectDelimiter, type Delimiter } from "../../domain/imports/csv-values";
import { AppError } from "../../errors";

const notUtf8 = () =>
  new AppError("VALIDATION_FAILED", "The file is not valid UTF-8 text.", { fields: [{ field: "file", message: "save the CSV as UTF-8" }] });

/** The file's text, decoded as it arrives, with the text before its first line break read ahead to choose the separator. */
async function decode(file: Blob): Promise<{ delimiter: Delimiter; text: AsyncIterable<string> }> {
  const reader = file
    .stream()
    .pipeThrough(new TextDecoderStream("utf-8", { fatal: true }))
    .getReader();
  const read = () =>
    reader.read().catch(() => {
      throw notUtf8();
    });
  let head = "";
  let done = false;
  while (!done && !/[\r\n]/.test(head)) {
    const next = await read();
    if (next.done) done = true;
    else head += next.value;
  }
  const delimiter = detectDelimiter(head.split(/\r\n|\n|\r/, 1)[0] ?? "");
  async function* text() {
    if (head) yield head;
    while (!done) {
      const next = await read();
      if (next.done) break;
      yield next.value;
    }
  }
  return { delimiter, text: text() };
}

/**
 * The file's records in order, each with its number as a spreadsheet shows it (the header is row 1;
 * a record with a line break inside quotes is still one row). Blank lines are skipped.
 */
export async function readCsv(file: Blob): Promise<{ delimiter: Delimiter; records: AsyncIterable<{ row: number; cells: string[] }> }> {
  const { delimiter, text } = await decode(file);
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, skipEmptyLines: "greedy" });
  const input = Readable.from(text);
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  async function* records() {
    let row = 0;
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells };
    }
  }
  return { delimiter, records: records() };
}
