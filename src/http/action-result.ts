// Server actions answer with a value instead of throwing, so pages can show the same errors the
// API gives ({ code, message, details }) next to the control that caused them. Failures are
// mapped by the API's own `mapError`: a busy database is UNAVAILABLE on a page as on the API.
import { headers } from "next/headers";
import type { ZodType } from "zod";
import type { Actor } from "../auth/actor";
import { currentActor } from "../auth/current-actor";
import { clientAddress } from "../auth/request-actor";
import { AppError, choosePasswordFirst } from "../errors";
import { withClientAddress } from "../server/audit/request-context";
import { fieldProblems, mapError, type ErrorAnswer } from "./error-response";
import { logRefusal } from "./log-refusal";
import { unstorableText } from "./unstorable-text";

export type ActionError = ErrorAnswer;
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

const invalid = (fields: { field: string; message: string }[]) => new AppError("VALIDATION_FAILED", "Some fields are not valid.", { fields });

async function orElse<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch {
    return fallback;
  }
}

/** Logs a refused server action with its caller; what cannot be read (outside a request) is left out. */
async function logActionRefusal(error: AppError): Promise<void> {
  const request: { headers: Pick<Headers, "get"> } = { headers: await orElse(() => headers(), new Headers()) };
  const actor = await orElse(() => currentActor(), null);
  logRefusal(error, request, actor?.id ?? null, { via: "server action" });
}

/**
 * Runs `work`, answering with its value or with the error the API would answer with. The work knows
 * the request's client address, for the audit log of the changes it makes.
 */
export async function actionResult<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const address = await orElse(async () => clientAddress({ headers: await headers() }), null);
    return { ok: true, data: await withClientAddress(address, work) };
  } catch (e) {
    if (e instanceof AppError && (e.code === "FORBIDDEN" || e.code === "RATE_LIMITED")) await logActionRefusal(e);
    const { code, message, details } = mapError(e);
    return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
  }
}

/** Authenticates, validates `input` with `schema` and runs `fn`, as an action result. */
export async function runAction<I, T>(schema: ZodType<I>, input: unknown, fn: (actor: Actor, input: I) => Promise<T>): Promise<ActionResult<T>> {
  return actionResult(async () => {
    const actor = await currentActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    if (actor.mustChangePassword) throw choosePasswordFirst();
    const problems = unstorableText(input);
    if (problems.length > 0) throw invalid(problems.map(({ path, message }) => ({ field: path.join(".") || "(input)", message })));
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw invalid(fieldProblems(parsed.error));
    return fn(actor, parsed.data);
  });
}
