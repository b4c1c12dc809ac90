// The one place that turns errors into answers: `mapError` for API routes and server actions alike,
// and the HTTP shape { error: { code, message, details? } } for the API.
import { ZodError } from "zod";
import { Prisma } from "../generated/prisma/client";
import { AppError, STATUS, type ErrorCode } from "../errors";
import { log } from "../server/ops/log";

export type FieldProblem = { field: string; message: string };

/** What a caller is told about a failure: the body of an API error, the error of an action result. */
export type ErrorAnswer = { code: ErrorCode; message: string; details?: unknown };

export function fieldProblems(error: ZodError, prefix: string[] = []): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [...prefix, ...issue.path.map(String)].join(".") || "(body)",
    message: issue.message,
  }));
}

/** PostgreSQL's SQLSTATE of an error from either database, whether Prisma or the SQL driver carried it. */
function sqlState(error: unknown): string | undefined {
  // Prisma's PGlite adapter passes the database's error through as the cause of its own.
  const raw = error instanceof Error && error.name === "DriverAdapterError" ? error.cause : error;
  const { code, severity } = (raw ?? {}) as { code?: unknown; severity?: unknown };
  return typeof code === "string" && typeof severity === "string" ? code : undefined;
}

// What the database's refusals mean to a caller, by Prisma's code or PostgreSQL's SQLSTATE: Prisma
// on PostgreSQL raises its codes, Prisma on PGlite and the SQL write path raise the database's.
const CONFLICT = ["P2002", "23505"];
const GONE = ["P2025"];
// A transaction that could not start or finish in time, or lost a race the database broke off: the
// database is saturated or contended, and the same request is likely to succeed a moment later.
const BUSY = ["P2028", "40001", "40P01", "55P03", "53300"];
// The database cannot be reached, or dropped the connection: restarting, failing over, or a network
// between. The instance recovers on its own once it is back (a new connection per request), so the
// caller is told to come back in a few seconds rather than shown a failure of the app.
// Prisma: P1001 unreachable, P1002 timed out, P1017 closed the connection, P2024 no pooled
// connection in time. PostgreSQL: class 08 (connection exceptions), 57P01–57P03 (shutting down,
// crashed, starting up). The driver: the socket's own errors.
const UNREACHABLE = ["P1001", "P1002", "P1017", "P2024", "57P01", "57P02", "57P03"];
const SOCKET_ERRORS = ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"];

/** Whether the error says the database could not be reached or dropped the connection. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const state =
    error instanceof Prisma.PrismaClientKnownRequestError
      ? error.code
      : error instanceof Prisma.PrismaClientInitializationError
        ? error.errorCode
        : sqlState(error);
  if (state && (UNREACHABLE.includes(state) || state.startsWith("08"))) return true;
  const raw = error instanceof Error && error.name === "DriverAdapterError" ? error.cause : error;
  const code = (raw as { code?: unknown } | null)?.code;
  if (typeof code === "string" && SOCKET_ERRORS.includes(code)) return true;
  // pg's own words for a connection that ended under a query, and for a pool that could not connect in time.
  const message = raw instanceof Error ? raw.message : "";
  return /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/.test(message);
}

/**
 * Whether the database refused the data a statement wrote: a value it cannot hold (SQLSTATE class
 * 22) or a constraint it breaks (class 23), as opposed to the database being away or busy.
 */
export function isDataRefusal(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && (state.startsWith("22") || state.startsWith("23"));
}

const answer = (code: ErrorCode, message: string, details?: unknown): ErrorAnswer =>
  details === undefined ? { code, message } : { code, message, details };

/** Maps anything thrown by a use case to what the caller is told; unknown errors are logged and hidden. */
export function mapError(error: unknown, requestId?: string): ErrorAnswer & { retryAfterSeconds?: number } {
  if (error instanceof AppError) {
    const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return { ...answer(error.code, error.message, error.details), ...(retry ? { retryAfterSeconds: retry } : {}) };
  }
  if (error instanceof ZodError) return answer("VALIDATION_FAILED", "The request is not valid.", { fields: fieldProblems(error) });
  const refusal = error instanceof Prisma.PrismaClientKnownRequestError ? error.code : sqlState(error);
  if (refusal && GONE.includes(refusal)) return answer("NOT_FOUND", "Not found.");
  if (refusal && CONFLICT.includes(refusal)) return answer("CONFLICT", "That already exists.");
  if (refusal && BUSY.includes(refusal)) return { ...answer("UNAVAILABLE", "The database is busy. Try again."), retryAfterSeconds: 1 };
  if (isDatabaseUnreachable(error))
    return { ...answer("UNAVAILABLE", "The database cannot be reached right now. Try again in a few seconds."), retryAfterSeconds: 5 };
  log().error({ err: error, ...(requestId ? { requestId } : {}) }, "Unhandled error");
  return answer("INTERNAL", "Something went wrong on our side.");
}

export function errorResponse(code: ErrorCode, message: string, details?: unknown, headers?: HeadersInit): Response {
  return Response.json({ error: answer(code, message, details) }, { status: STATUS[code], headers });
}

/**
 * The API's answer to a failure. A failure of the app itself (500) names the request (`requestId`,
 * as in the X-Request-Id header and the log), so one a user reports can be found in the logs.
 */
export function toErrorResponse(error: unknown, requestId?: string): Response {
  const { code, message, details, retryAfterSeconds } = mapError(error, requestId);
  const withId = code === "INTERNAL" && requestId ? { requestId } : details;
  return errorResponse(code, message, withId, retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : undefined);
}
