// Server actions answer with a value instead of throwing, so pages can show the same errors the
// API gives ({ code, message, details }) next to the control that caused them.
import { ZodError, type ZodType } from "zod";
import type { Actor } from "../auth/actor";
import { currentActor } from "../auth/current-actor";
import { AppError, type ErrorCode } from "../errors";
import { fieldProblems } from "./error-response";
import { nulPath } from "./nul-path";

export type ActionError = { code: ErrorCode; message: string; details?: unknown };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Authenticates, validates `input` with `schema`, runs `fn`, and maps failures like the API does. */
export async function runAction<I, T>(schema: ZodType<I>, input: unknown, fn: (actor: Actor, input: I) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await currentActor();
    if (!actor) return { ok: false, error: { code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." } };
    const nul = nulPath(input);
    if (nul)
      return { ok: false, error: { code: "VALIDATION_FAILED", message: "Some fields are not valid.", details: { fields: [{ field: nul.join(".") || "(input)", message: "contains a NUL character" }] } } };
    const parsed = schema.safeParse(input);
    if (!parsed.success)
      return { ok: false, error: { code: "VALIDATION_FAILED", message: "Some fields are not valid.", details: { fields: fieldProblems(parsed.error) } } };
    return { ok: true, data: await fn(actor, parsed.data) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message, details: e.details } };
    if (e instanceof ZodError) return { ok: false, error: { code: "VALIDATION_FAILED", message: "Some fields are not valid.", details: { fields: fieldProblems(e) } } };
    console.error("Unhandled error in a server action", e);
    return { ok: false, error: { code: "INTERNAL", message: "Something went wrong on our side. Try again." } };
  }
}
