// The wrapper every /api/v1 route handler uses: authenticate, validate, call a use case, answer.
// Handlers stay a few lines long; rules live in src/server and src/domain.
import { z, type ZodType } from "zod";
import type { Actor } from "../auth/actor";
import { findRequestActor } from "../auth/request-actor";
import { AppError } from "../errors";
import { db } from "../server/db";
import { fieldProblems, toErrorResponse } from "./error-response";
import { nulPath } from "./nul-path";

const MAX_JSON_BYTES = 1_000_000;

type Spec<P, Q, B> = {
  /** false for the few endpoints that take no credentials (token creation, OpenAPI). */
  auth?: boolean;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Success status (200 unless given). */
  status?: number;
};

export type RouteContext<P, Q, B, A> = { actor: A; params: P; query: Q; body: B; req: Request };
type RouteParams = { params: Promise<Record<string, string | string[]>> };

function parse<T>(schema: ZodType<T>, value: unknown, where: string): T {
  const nul = nulPath(value);
  if (nul)
    throw new AppError("VALIDATION_FAILED", `The request ${where} is not valid.`, {
      fields: [{ field: [...(where === "body" ? [] : [where]), ...nul].join(".") || "(body)", message: "contains a NUL character" }],
    });
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("VALIDATION_FAILED", `The request ${where} is not valid.`, {
      fields: fieldProblems(result.error, where === "body" ? [] : [where]),
    });
  }
  return result.data;
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request body is not valid JSON.", {
      fields: [{ field: "(body)", message: "not valid JSON" }],
    });
  }
}

export function apiRoute<P = undefined, Q = undefined, B = undefined, R = unknown>(
  spec: Spec<P, Q, B> & { auth: false },
  handler: (ctx: RouteContext<P, Q, B, null>) => Promise<R | Response>,
): (req: Request, ctx: RouteParams) => Promise<Response>;
export function apiRoute<P = undefined, Q = undefined, B = undefined, R = unknown>(
  spec: Spec<P, Q, B>,
  handler: (ctx: RouteContext<P, Q, B, Actor>) => Promise<R | Response>,
): (req: Request, ctx: RouteParams) => Promise<Response>;
export function apiRoute<P, Q, B, R>(
  spec: Spec<P, Q, B>,
  // The overloads above type the actor for callers; here it may be either.
  handler: (ctx: RouteContext<P, Q, B, any>) => Promise<R | Response>,
) {
  return async (req: Request, ctx: RouteParams): Promise<Response> => {
    try {
      let actor: Actor | null = null;
      if (spec.auth !== false) {
        actor = await findRequestActor(db(), req);
        if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in or send a valid bearer token.");
      }
      const params = spec.params ? parse(spec.params, await ctx.params, "params") : (undefined as P);
      const query = spec.query
        ? parse(spec.query, Object.fromEntries(new URL(req.url).searchParams), "query")
        : (undefined as Q);
      const body = spec.body ? parse(spec.body, await readJson(req), "body") : (undefined as B);
      const result = await handler({ actor, params, query, body, req });
      if (result instanceof Response) return result;
      return Response.json(result ?? null, { status: spec.status ?? 200 });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** Route params are strings; ids are bounded so a huge path segment is a 404, not a slow query. */
export const IdParam = z.string().min(1).max(64);
