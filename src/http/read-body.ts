// Request bodies are read as a stream and given up as soon as they pass their limit: a body's
// announced length is not trusted (a chunked body announces none), and nothing past the limit is
// read, so a large body costs at most the limit in memory.
import { z, type ZodType } from "zod";
import { AppError } from "../errors";
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from "./json-depth";

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)} MB` : `${Math.floor(bytes / 1024)} KB`);
const tooLarge = (maxBytes: number) => new AppError("PAYLOAD_TOO_LARGE", `The request body is limited to ${size(maxBytes)}.`);
const unreadable = (message: string) =>
  new AppError("VALIDATION_FAILED", "The request body is not valid.", { fields: [{ field: "(body)", message }] });

/** The body's bytes, refused with a 413 once more than `maxBytes` have arrived (or are announced). */
export async function readCappedBody(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw unreadable("the body could not be read to its end");
    });
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Not awaited: the answer need not wait for the client's side of the stream to close.
      reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The media type of a Content-Type header, lower-cased, and its charset if one is named. */
function mediaType(req: Request): { type: string; charset?: string } | null {
  const header = req.headers.get("content-type");
  if (header === null) return null;
  const [type = "", ...params] = header.split(";");
  const charset = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith("charset="));
  return { type: type.trim().toLowerCase(), charset: charset?.slice(8).replace(/^"|"$/g, "") };
}

const SEND_JSON = "Send the body as JSON, with Content-Type: application/json.";

/**
 * A JSON body. It must say so (Content-Type: application/json, UTF-8 if a charset is named): a
 * browser sends only form and text types across sites without asking the server first, so this also
 * keeps other sites' pages from posting JSON at the API (docs/security.md).
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const media = mediaType(req);
  if (media && (media.type !== "application/json" || (media.charset !== undefined && media.charset !== "utf-8")))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", SEND_JSON);
  const bytes = await readCappedBody(req, maxBytes);
  if (bytes.length === 0) return undefined;
  if (!media) throw new AppError("UNSUPPORTED_MEDIA_TYPE", SEND_JSON);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw unreadable("not valid UTF-8");
  }
  if (text.trim() === "") return undefined;
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw unreadable(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw unreadable("not valid JSON");
  }
}

/** A multipart/form-data body, as its parts (a file part is a `File`), read within `maxBytes`. */
export async function readFormBody(req: Request, schema: ZodType, maxBytes: number): Promise<Record<string, FormDataEntryValue>> {
  const contentType = req.headers.get("content-type") ?? "";
  if (mediaType(req)?.type !== "multipart/form-data") {
    const parts = schema instanceof z.ZodObject ? ` with the parts ${Object.keys(schema.shape).join(", ")}` : "";
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the body as multipart/form-data${parts}.`);
  }
  const bytes = await readCappedBody(req, maxBytes);
  const form = await new Response(bytes, { headers: { "content-type": contentType } }).formData().catch(() => {
    throw unreadable("not a readable multipart body");
  });
  return Object.fromEntries(form);
}
