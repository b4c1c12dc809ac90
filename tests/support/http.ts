// Calls route handlers in-process with real Request objects: the same code path as HTTP, minus
// the socket. Full HTTP against the built app is covered by the e2e suite.
import { isDeepStrictEqual } from "node:util";
import { sessionCookie } from "@/src/auth/session-cookie";
import { database } from "@/src/server/db";
import type { ApiRoute } from "@/src/http/api-route";

process.env.NEXTAUTH_SECRET ??= "test-session-secret";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  path?: string;
  token?: string;
  /** A Cookie header (see browserSession). Sent as the app's own pages send it (Sec-Fetch-Site:
   * same-origin) unless `headers` names an Origin or Sec-Fetch-Site. */
  cookie?: string;
  /** An object is sent as JSON; a string is sent as is (for malformed bodies). */
  body?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
};

export type CallResult<T = any> = { status: number; body: T; headers: Headers };

export async function call<T = any>(handler: Handler, options: CallOptions = {}): Promise<CallResult<T>> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.cookie) {
    headers.set("cookie", options.cookie);
    if (!headers.has("origin") && !headers.has("sec-fetch-site")) headers.set("sec-fetch-site", "same-origin");
  }
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new Request(`http://localhost${options.path ?? "/api/v1/test"}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  assertDocumentedAnswer(handler, res, parsed);
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** The Cookie header of a browser signed in as `user`, with the cookie sign-in sets. */
export async function browserSession(user: { id: string; email: string }): Promise<string> {
  const { name, value } = await sessionCookie(database().sql, { id: user.id, email: user.email, name: "Test user" });
  return `${name}=${value}`;
}

/**
 * Every successful JSON answer of a declared operation must be exactly what its documented response
 * schema describes: nothing missing, nothing extra, nothing the schema would change. So each API
 * test also checks that /api/v1/openapi.json tells the truth about the answer it got.
 */
function assertDocumentedAnswer(handler: Handler, res: Response, body: unknown) {
  const operation = (handler as Partial<ApiRoute>).operation;
  if (!operation?.response || !res.ok || !res.headers.get("content-type")?.includes("application/json")) return;
  const result = operation.response.safeParse(body);
  if (!result.success || !isDeepStrictEqual(result.data, body))
    throw new Error(
      `${operation.method} ${operation.path} answered outside its documented response schema: ` +
        (result.success ? "fields the schema does not describe, or values it changes" : result.error.message),
    );
}
