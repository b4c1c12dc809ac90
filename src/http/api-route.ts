// The wrapper every /api/v1 operation is declared with: method, path, schemas and handler in one
// object, which both answers requests (authenticate, validate, call a use case, answer) and
// describes the operation in /api/v1/openapi.json. How to add one: src/http/routes/index.ts.
import type { z, ZodType } from "zod";
import type { Actor } from "../auth/actor";
import { clientAddress, findRequestActor } from "../auth/request-actor";
import { AppError, choosePasswordFirst, type ErrorCode } from "../errors";
import { withClientAddress } from "../server/audit/request-context";
import { db } from "../server/db";
import { log } from "../server/ops/log";
import { requestId } from "../server/security/security-log";
import { refuseCrossSiteSession } from "./cross-site";
import { fieldProblems, toErrorResponse } from "./error-response";
import { logRefusal } from "./log-refusal";
import { readFormBody, readJsonBody } from "./read-body";
import { unstorableText } from "./unstorable-text";

const MAX_JSON_BYTES = 1024 * 1024;

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Operation = {
  /** The route file exports the declaration under this name. */
  method: Method;
  /** Below /api/v1, with path parameters in braces: the route file's folder, `[id]` written `{id}`. */
  path: `/${string}`;
  summary: string;
  tag: string;
  /** false for the few operations that take no credentials (token creation, this document). */
  auth?: false;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A JSON body. */
  body?: ZodType;
  /** A multipart/form-data body, validated from its parts (a file part is a `File`). */
  form?: ZodType;
  /**
   * The handler reads the multipart body itself, as a stream (`req`), so that a large file is not held
   * in memory: `form` then only documents the parts, and `body` is undefined.
   */
  streamed?: true;
  /** Largest accepted body in bytes (1 MB unless given): reading stops, with a 413, once it is passed. */
  maxBytes?: () => number;
  /** The JSON answer; the handler must return what it accepts. */
  response?: ZodType;
  /** The answer is a file's bytes under its own content type, not JSON. */
  file?: true;
  /** With `Accept: text/csv` the answer is CSV instead of the JSON `response` (the handler returns that Response). */
  csv?: true;
  /**
   * With `Accept: application/x-ndjson` the answer streams these lines as the work goes, the result
   * last, instead of the JSON `response` at the end (the handler returns that Response).
   */
  progress?: ZodType;
  /** Success status (200 unless given). */
  status?: number;
  /** A PUT that creates or updates: answers 201 with the same body when it created (the handler returns that Response). */
  mayCreate?: true;
  /** What the use case may refuse with; those every operation of its kind can answer are added. */
  errors?: ErrorCode[];
};

type Out<T> = T extends ZodType ? z.output<T> : undefined;

export type RouteContext<S extends Operation> = {
  actor: S extends { auth: false } ? null : Actor;
  params: Out<S["params"]>;
  query: Out<S["query"]>;
  body: S extends { streamed: true } ? undefined : S extends { form: ZodType } ? z.output<S["form"]> : Out<S["body"]>;
  req: Request;
};
type Answer<S extends Operation> = S extends { response: ZodType } ? z.input<S["response"]> : unknown;
type RouteParams = { params: Promise<Record<string, string | string[]>> };

/** A Next.js route handler that also carries its declaration, for the document and the tests. */
export type ApiRoute<S extends Operation = Operation> = ((req: Request, ctx: RouteParams) => Promise<Response>) & { operation: S };

function parse<T>(schema: ZodType<T>, value: unknown, where: "params" | "query" | "body"): T {
  const prefix = where === "body" ? [] : [where];
  const problems = unstorableText(value);
  if (problems.length > 0)
    throw new AppError("VALIDATION_FAILED", `The request ${where} is not valid.`, {
      fields: problems.map(({ path, message }) => ({ field: [...prefix, ...path].join(".") || "(body)", message })),
    });
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("VALIDATION_FAILED", `The request ${where} is not valid.`, { fields: fieldProblems(result.error, prefix) });
  }
  return result.data;
}

async function readBody(spec: Operation, req: Request): Promise<unknown> {
  const maxBytes = spec.maxBytes?.() ?? MAX_JSON_BYTES;
  if (spec.streamed) return undefined;
  if (spec.form) return parse(spec.form, await readFormBody(req, spec.form, maxBytes), "body");
  if (spec.body) return parse(spec.body, await readJsonBody(req, maxBytes), "body");
  return undefined;
}

/** Declares one operation: `export const POST = apiRoute({ method: "POST", path, … }, handler)`. */
export function apiRoute<const S extends Operation>(spec: S, handler: (ctx: RouteContext<S>) => Promise<Answer<S> | Response>): ApiRoute<S> {
  const route = async (req: Request, ctx: RouteParams): Promise<Response> => {
    const started = performance.now();
    // The request's id: the one its X-Request-Id names (scripts/client-address.mjs sets it), else a new one.
    const id = requestId(req);
    const response = await answer(req, ctx, id);
    // One line per API request at debug level (LOG_LEVEL=debug); nothing is worked out for it otherwise.
    if (log().isLevelEnabled("debug"))
      log().debug(
        { requestId: id, method: req.method, path: new URL(req.url).pathname, status: response.status, ms: Math.round(performance.now() - started) },
        "api request",
      );
    return response;
  };
  const answer = async (req: Request, ctx: RouteParams, id: string): Promise<Response> => {
    let actor: Actor | null = null;
    try {
      if (spec.auth !== false) {
        actor = await findRequestActor(db(), req);
        if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in or send a valid bearer token.");
        if (actor.mustChangePassword) throw choosePasswordFirst();
        // Answered, not thrown: this refusal is logged as what it is, not as a plain 403.
        const refusal = refuseCrossSiteSession(req, actor);
        if (refusal) return refusal;
      }
      const params = spec.params ? parse(spec.params, await ctx.params, "params") : undefined;
      const query = spec.query ? parse(spec.query, Object.fromEntries(new URL(req.url).searchParams), "query") : undefined;
      const body = await readBody(spec, req);
      // The casts stand for what the spec's schemas just checked. The use case knows the client's
      // address, for the audit log of the changes it makes.
      const result = await withClientAddress(clientAddress(req), () => handler({ actor, params, query, body, req } as RouteContext<S>));
      if (result instanceof Response) return result;
      return Response.json(result ?? null, { status: spec.status ?? 200 });
    } catch (error) {
      logRefusal(error, req, actor?.id ?? null, { method: req.method, path: new URL(req.url).pathname });
      return toErrorResponse(error, id);
    }
  };
  return Object.assign(route, { operation: spec });
}
