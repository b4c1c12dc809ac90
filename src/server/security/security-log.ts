// Security events as structured log lines, one JSON object per line on stdout, for a log shipper to
// collect: sign-ins that failed or succeeded, lock-outs and 429s, refusals (403) and refused
// cross-origin requests. A line names who and from where, never a password, token or cookie.
import crypto from "node:crypto";

export type SecurityEvent =
  | "signin.succeeded"
  | "signin.failed"
  | "signin.locked"
  | "rate_limited"
  | "forbidden"
  | "cross_origin_refused"
  | "session.ended"
  | "password.changed"
  | "token.refused";

export type SecurityContext = {
  /** The signed-in user, when one is known. */
  userId?: string | null;
  /** The e-mail an anonymous attempt named (sign-in), lower-cased and cut to a sane length. */
  email?: string | null;
  clientAddress?: string | null;
  requestId?: string | null;
  /** A few words on what happened: the path, the reason; never a secret. */
  detail?: Record<string, string | number | boolean | null>;
};

export type SecurityLogLine = { time: string; kind: "security"; event: SecurityEvent } & Omit<SecurityContext, "detail"> & Record<string, unknown>;

export type Sink = (line: SecurityLogLine) => void;
const stdout: Sink = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);
let sink: Sink = stdout;

/** Sends the lines elsewhere (the test suite keeps them out of its report); returns the previous sink. */
export function setSecurityLogSink(next: Sink): Sink {
  const previous = sink;
  sink = next;
  return previous;
}

/** Tests read the lines written while `fn` runs. */
export async function captureSecurityLog<T>(fn: () => Promise<T>): Promise<{ result: T; lines: SecurityLogLine[] }> {
  const lines: SecurityLogLine[] = [];
  const previous = sink;
  sink = (line) => lines.push(line);
  try {
    return { result: await fn(), lines };
  } finally {
    sink = previous;
  }
}

export function logSecurityEvent(event: SecurityEvent, context: SecurityContext = {}, now = new Date()): void {
  const { detail, ...who } = context;
  const line: SecurityLogLine = { time: now.toISOString(), kind: "security", event };
  for (const [key, value] of Object.entries(who)) if (value != null) line[key] = key === "email" ? String(value).slice(0, 254) : value;
  if (detail) Object.assign(line, detail);
  sink(line);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the one the balancer or the app's proxy set (X-Request-Id) when it looks sane, else a new one. */
export function requestId(req: { headers: Pick<Headers, "get"> }): string {
  const given = req.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}
