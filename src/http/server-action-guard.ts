// Server actions are POSTs to a page, decoded by Next.js before any of the app's code runs. Next.js
// refuses one whose Origin is not the page's host, and throws on a body React cannot decode; both
// are answered with a 500. The proxy checks them first and answers as the API would: 403 for
// another origin, 400 for a body that cannot be read, 413 past the size limit (docs/security.md,
// "Headers and framing").
import busboy from "next/dist/compiled/busboy";
import { AppError, STATUS, type ErrorCode } from "../errors";
import { logSecurityEvent } from "../server/security/security-log";
import { readCappedBody } from "./read-body";
import { argumentsProblem, postedFormProblem } from "./server-action-reply";

/** serverActions.bodySizeLimit in next.config.mjs: the most of an action's body Next.js reads. */
export const ACTION_BODY_LIMIT = 21 * 1024 * 1024;

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const MULTIPART = "multipart/form-data";

const refusal = (code: ErrorCode, message: string) => Response.json({ error: { code, message } }, { status: STATUS[code] });
const unreadable = (why: string) => refusal("VALIDATION_FAILED", `The server action's request is not valid: ${why}.`);

/**
 * Whether the request comes from a page of this site, by the rule Next.js applies to actions: the
 * Origin's host is the host asked for (X-Forwarded-Host first, which a browser cannot set). A request
 * without Origin passes, as there: browsers send one with every unsafe request.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (a sandboxed frame, a redirect from elsewhere) or not a URL at all
  }
  return host === (headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host"));
}

/** A called action's multipart body, parsed as Next.js parses it; files are kept by name only. */
function multipartParts(body: Uint8Array, type: string): Promise<FormData | string> {
  return new Promise((resolve) => {
    const form = new FormData();
    let problem: string | null = null;
    try {
      busboy({ headers: { "content-type": type }, defParamCharset: "utf8", limits: { fieldSize: ACTION_BODY_LIMIT } })
        .on("field", (name, value) => form.append(name, value))
        .on("file", (name, stream, { filename, encoding }) => {
          if (encoding.toLowerCase() === "base64") problem ??= "a file is base64-encoded"; // React refuses those
          stream.resume();
          form.append(name, new Blob([]), filename ?? "");
        })
        .on("error", () => resolve("not a readable multipart body"))
        .on("close", () => resolve(problem ?? form))
        .end(body);
    } catch {
      resolve("not a readable multipart body"); // no boundary, or a malformed content type
    }
  });
}

/** Why the action's body cannot be decoded, or null. */
async function bodyProblem(isCalled: boolean, type: string, body: Uint8Array<ArrayBuffer>): Promise<string | null> {
  if (!isCalled) {
    // A form posted before hydration, parsed as Next.js parses it.
    const form = await new Request("http://local/", { method: "POST", headers: { "content-type": type }, body }).formData().catch(() => null);
    return form ? postedFormProblem(form) : "not a readable multipart body";
  }
  if (type.startsWith(MULTIPART)) {
    const parts = await multipartParts(body, type);
    return typeof parts === "string" ? parts : argumentsProblem(parts);
  }
  const text = new FormData();
  text.append("0", new TextDecoder("utf-8", { ignoreBOM: true }).decode(body));
  return argumentsProblem(text);
}

/** The answer refusing a page request Next.js would fail on as a server action, or null to let it through. */
export async function serverActionRefusal(req: Request, requestId: string): Promise<Response | null> {
  if (!UNSAFE_METHODS.has(req.method)) return null;
  const { pathname } = new URL(req.url);
  if (!isSameOrigin(req.headers)) {
    const origin = req.headers.get("origin")?.slice(0, 200) ?? null;
    logSecurityEvent("cross_origin_refused", { requestId, detail: { method: req.method, path: pathname.slice(0, 200), origin } });
    return refusal("FORBIDDEN", "This request comes from another site.");
  }
  // What Next.js takes for a server action: a POST naming one (a call from a hydrated page), or a
  // multipart POST (a form posted before hydration, which names its action in a field).
  const type = req.headers.get("content-type") ?? "";
  const isCalled = req.method === "POST" && req.headers.has("next-action");
  if (!isCalled && !(req.method === "POST" && type.startsWith(MULTIPART))) return null;
  // React's client sends a text body, or a multipart one when there are files or form data.
  if (isCalled && !type.startsWith(MULTIPART) && !type.startsWith("text/plain"))
    return unreadable(`a body of type ${JSON.stringify(type.slice(0, 100))}`);
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readCappedBody(req, ACTION_BODY_LIMIT); // the API's reader: it stops at the limit
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "PAYLOAD_TOO_LARGE")
      return refusal("PAYLOAD_TOO_LARGE", `A server action's request is limited to ${ACTION_BODY_LIMIT / 1024 / 1024} MB.`);
    return unreadable("the body could not be read to its end");
  }
  const problem = await bodyProblem(isCalled, type, body);
  return problem ? unreadable(problem) : null;
}
