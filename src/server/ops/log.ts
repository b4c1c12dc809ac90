// The app's log: one JSON object per line on standard output (pino), for a log shipper to collect.
// A line written while a request is served carries that request's id (`requestId`), the same id as
// its X-Request-Id header and, for a 500, its answer's `details.requestId`: scripts/client-address.mjs
// runs each request in a context that names it. LOG_LEVEL sets the least level written (info).
// Security events have their own lines (src/server/security/security-log.ts).
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";

/** The store of the request being served, shared with scripts/client-address.mjs through the global symbol. */
const CONTEXT = Symbol.for("stageline.requestContext");
type RequestStore = { requestId: string };
const holder = globalThis as unknown as { [CONTEXT]?: AsyncLocalStorage<RequestStore> };
const context = () => (holder[CONTEXT] ??= new AsyncLocalStorage<RequestStore>());

/** The id of the request this code runs for, if it runs for one. */
export function currentRequestId(): string | undefined {
  return context().getStore()?.requestId;
}

/** Runs `fn` as part of request `requestId`: every line it logs names it. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return context().run({ requestId }, fn);
}

function makeLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL || "info"): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

let logger = makeLogger();

/** The log. `log().error({ err }, "message")`; fields first, then the message. */
export const log = (): Logger => logger;

/** Tests read the lines written while `fn` runs, parsed, at every level. */
export async function captureLog<T>(fn: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const lines: Record<string, unknown>[] = [];
  const previous = logger;
  logger = makeLogger({ write: (line: string) => void lines.push(JSON.parse(line)) }, "trace");
  try {
    return { result: await fn(), lines };
  } finally {
    logger = previous;
  }
}
