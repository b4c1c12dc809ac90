// What may be uploaded to a deal: documents and images of known types, checked by extension and by
// the file's first bytes, so that a renamed executable is not stored as a contract.
import { stripBidiControls } from "../text";

export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

type Kind = { mime: string; magic?: (b: Uint8Array) => boolean };
const starts =
  (...sig: number[]) =>
  (b: Uint8Array) =>
    sig.every((v, i) => b[i] === v);
const zip = starts(0x50, 0x4b, 0x03, 0x04); // docx, xlsx, pptx are zip containers
const ole = starts(0xd0, 0xcf, 0x11, 0xe0); // legacy doc, xls
const isText = (b: Uint8Array) => !b.subarray(0, 4096).includes(0);

export const ALLOWED_TYPES: Record<string, Kind> = {
  pdf: { mime: "application/pdf", magic: starts(0x25, 0x50, 0x44, 0x46) },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: zip },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: zip },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", magic: zip },
  doc: { mime: "application/msword", magic: ole },
  xls: { mime: "application/vnd.ms-excel", magic: ole },
  png: { mime: "image/png", magic: starts(0x89, 0x50, 0x4e, 0x47) },
  jpg: { mime: "image/jpeg", magic: starts(0xff, 0xd8, 0xff) },
  jpeg: { mime: "image/jpeg", magic: starts(0xff, 0xd8, 0xff) },
  txt: { mime: "text/plain", magic: isText },
  csv: { mime: "text/csv", magic: isText },
};

export const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? "";

export type UploadCheck =
  | { ok: true; extension: string; mime: string }
  | { ok: false; reason: "empty" | "too_large" | "type" | "content"; message: string };

export function checkUpload(name: string, bytes: Uint8Array, maxBytes: number): UploadCheck {
  if (bytes.length === 0) return { ok: false, reason: "empty", message: "The file is empty." };
  if (bytes.length > maxBytes) return { ok: false, reason: "too_large", message: `Files are limited to ${Math.floor(maxBytes / 1024 / 1024)} MB.` };
  const extension = extensionOf(name);
  const kind = ALLOWED_TYPES[extension];
  if (!kind) return { ok: false, reason: "type", message: `Allowed file types: ${Object.keys(ALLOWED_TYPES).join(", ")}.` };
  if (kind.magic && !kind.magic(bytes)) return { ok: false, reason: "content", message: `The file's content is not a .${extension} file.` };
  return { ok: true, extension, mime: kind.mime };
}

/** An uploaded file's own name, made safe to store and to send back in a header. */
export function safeFileName(name: string): string {
  const base = stripBidiControls(name).split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._ -]+/g, "_")
    .replace(/^[.\s]+/, "")
    .trim();
  return cleaned.slice(-120) || "file";
}
