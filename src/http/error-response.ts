// The one place that turns errors into HTTP answers: { error: { code, message, details? } }.
import { ZodError } from "zod";
import { Prisma } from "../generated/prisma/client";
import { AppError, STATUS, type ErrorCode } from "../errors";

export type FieldProblem = { field: string; message: string };

export function fieldProblems(error: ZodError, prefix: string[] = []): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [...prefix, ...issue.path.map(String)].join(".") || "(body)",
    message: issue.message,
  }));
}

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function errorResponse(code: ErrorCode, message: string, details?: unknown, headers?: HeadersInit): Response {
  return Response.json(errorBody(code, message, details), { status: STATUS[code], headers });
}

/** Maps anything thrown by a handler to a response; unknown errors are logged and hidden. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return errorResponse(error.code, error.message, error.details, retry ? { "Retry-After": String(retry) } : undefined);
  }
  if (error instanceof ZodError) {
    return errorResponse("VALIDATION_FAILED", "The request is not valid.", { fields: fieldProblems(error) });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025") return errorResponse("NOT_FOUND", "Not found.");
    if (error.code === "P2002") return errorResponse("CONFLICT", "That already exists.");
    if (error.code === "P2028")
      return errorResponse("UNAVAILABLE", "The database is busy. Try again.", undefined, { "Retry-After": "1" });
  }
  console.error("Unhandled error", error);
  return errorResponse("INTERNAL", "Something went wrong on our side.");
}
