// Pages during a database outage. The API answers 503 with Retry-After when the database cannot be
// reached (src/http/error-response.ts); a page cannot choose its status, since Next answers a failed
// render with its error page and 500. So the failed render's request is marked here, by its id, when
// Next reports the error (instrumentation.ts), and the server in front of Next (scripts/client-address.mjs,
// which names the same global symbol) turns that 500 into 503 with Retry-After.
import { isDatabaseUnreachable } from "../../http/error-response";

const MARKS = Symbol.for("stageline.databaseUnreachableRequests");
const holder = globalThis as unknown as { [MARKS]?: Set<string> };

/** Marks request `requestId` when `error`, which failed its render, says the database is unreachable. */
export function noteRenderError(error: unknown, requestId: string | string[] | undefined): void {
  if (typeof requestId !== "string" || !isDatabaseUnreachable(error)) return;
  // Served some other way than scripts/serve.mjs there is no set, and no one to read the mark.
  holder[MARKS]?.add(requestId);
}
