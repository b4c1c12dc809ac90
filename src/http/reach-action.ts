// A server action's call can fail before the action runs (the network, a server restart, a body over
// the size limit): the promise rejects instead of answering. Pages turn that into an answer, so the
// failure shows beside the control instead of replacing the page with its error boundary.
import type { ActionResult } from "./action-result";

const UNREACHABLE = {
  ok: false as const,
  error: { code: "INTERNAL" as const, message: "Stageline could not be reached. Check your connection and try again." },
};

export const reachAction = <T>(call: Promise<ActionResult<T>>): Promise<ActionResult<T>> => call.catch(() => UNREACHABLE);
