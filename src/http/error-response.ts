// The one place that turns errors into answers: `mapError` for API routes and server actions alike,
// and the HTTP shape { error: { code, message, details? } } for the API.
import { ZodError } from "zod";
import { Prisma } from "../generated/prisma/client";
import { AppError, STATUS, type ErrorCode } from "../errors";

export type FieldProblem = { field: string; message: string };

/** What a caller is told about a failure: the body of an API error, the error of an action result. */
export type ErrorAnswer = { code: ErrorCode; message: string; details?: unknown };

export function fieldProblems(error: ZodError, prefix: string[] = []): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [...prefix, ...issue.path.map(String)].join(".") || "(body)",
    message: issue.message,
  }));
}

/**
 * Prisma's code for a refusal by the database, whichever adapter carried it: Prisma's PGlite adapter
 * passes PostgreSQL's own error through (SQLSTATE 23505) where the PostgreSQL adapter raises P2002.
 */
function databaseCode(error: unknown): string | undefined {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code;
  const cause = (error as { cause?: { kind?: unknown; code?: unknown } } | null)?.cause;
  if (error instanceof Error && error.name === "DriverAdapterError" && cause?.kind === "postgres" && cause.code === "23505") return "P2002";
  return undefined;
}

const answer = (code: ErrorCode, message: string, details?: unknown): ErrorAnswer =>
  details === undefined ? { code, message } : { code, message, details };

/** Maps anything thrown by a use case to what the caller is told; unknown errors are logged and hidden. */
export function mapError(error: unknown): ErrorAnswer & { retryAfterSeconds?: number } {
  if (error instanceof AppError) {
    const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return { ...answer(error.code, error.message, error.details), ...(retry ? { retryAfterSeconds: retry } : {}) };
  }
  if (error instanceof ZodError) return answer("VALIDATION_FAILED", "The request is not valid.", { fields: fieldProblems(error) });
  const refusal = databaseCode(error);
  if (refusal === "P2025") return answer("NOT_FOUND", "Not found.");
  if (refusal === "P2002") return answer("CONFLICT", "That already exists.");
  // A transaction that could not start or finish in time: the database is saturated, and the same
  // request is likely to succeed a moment later.
  if (refusal === "P2028") return { ...answer("UNAVAILABLE", "The database is busy. Try again."), retryAfterSeconds: 1 };
  console.error("Unhandled error", error);
  return answer("INTERNAL", "Something went wrong on our side.");
}

export function errorResponse(code: ErrorCode, message: string, details?: unknown, headers?: HeadersInit): Response {
  return Response.json({ error: answer(code, message, details) }, { status: STATUS[code], headers });
}

export function toErrorResponse(error: unknown): Response {
  const { code, message, details, retryAfterSeconds } = mapError(error);
  return errorResponse(code, message, details, retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : undefined);
}
