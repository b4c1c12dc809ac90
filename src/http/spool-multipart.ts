// A multipart/form-data body read as a stream: its text fields kept, its one file part written to a
// temporary file as it arrives, so that memory holds a chunk, not the file. The answer's `file` is a
// Blob read from disk; `dispose` removes it. Reading stops with a 413 once the body passes its limit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable, Writable } from "node:stream";
import busboy from "next/dist/compiled/busboy";
import { AppError } from "../errors";

export type SpooledForm = { fields: Record<string, string>; file: { blob: Blob; name: string } | null; dispose: () => Promise<void> };

const unreadable = () =>
  new AppError("VALIDATION_FAILED", "The request body is not valid.", { fields: [{ field: "(body)", message: "not a readable multipart body" }] });

/** `fileField`'s part to disk, the other parts as text; `tooLarge` is the refusal once more than `maxBytes` arrived. */
export async function spoolMultipart(req: Request, options: { fileField: string; maxBytes: number; tooLarge: () => AppError }): Promise<SpooledForm> {
  const contentType = req.headers.get("content-type") ?? "";
  if (contentType.split(";")[0]?.trim().toLowerCase() !== "multipart/form-data")
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the body as multipart/form-data with a ${options.fileField} part.`);
  if (Number(req.headers.get("content-length") ?? 0) > options.maxBytes) throw options.tooLarge();

  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "stageline-upload-"));
  const target = path.join(dir, "upload");
  const dispose = () => fs.promises.rm(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let file: { name: string } | null = null;
  const writes: Promise<void>[] = [];
  try {
    let parser: Writable & { on: (event: string, listener: (...args: never[]) => void) => unknown };
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        defParamCharset: "utf8",
        limits: { fieldSize: 1024 * 1024 },
      }) as unknown as typeof parser;
    } catch {
      throw unreadable(); // no boundary, or a malformed content type
    }
    const done = new Promise<void>((resolve, reject) => {
      parser.on("field", (name: string, value: string) => {
        fields[name] = value;
      });
      parser.on("file", (name: string, stream: Readable, info: { filename?: string }) => {
        if (name !== options.fileField || file) {
          stream.resume(); // another part, or a second file: not read
          return;
        }
        file = { name: info.filename ?? "" };
        writes.push(pipeline(stream, fs.createWriteStream(target)));
      });
      parser.on("error", () => reject(unreadable()));
      parser.on("close", () => resolve());
    });
    // Not awaited before the body is fed: a rejection is taken when `done` is awaited below.
    done.catch(() => undefined);

    let total = 0;
    const reader = req.body?.getReader();
    for (;;) {
      const next = reader
        ? await reader.read().catch(() => ({ done: true as const, value: undefined, failed: true }))
        : { done: true as const, value: undefined };
      if ("failed" in next) throw unreadable();
      if (next.done) break;
      total += next.value.byteLength;
      if (total > options.maxBytes) {
        reader?.cancel().catch(() => undefined);
        parser.destroy();
        throw options.tooLarge();
      }
      if (!parser.write(next.value)) await Promise.race([new Promise((resolve) => parser.once("drain", resolve)), done]);
    }
    parser.end();
    await done;
    await Promise.all(writes).catch(() => {
      throw unreadable();
    });
    const spooled = file as { name: string } | null;
    return { fields, file: spooled ? { blob: await fs.openAsBlob(target), name: spooled.name } : null, dispose };
  } catch (error) {
    await Promise.allSettled(writes);
    await dispose();
    throw error;
  }
}
