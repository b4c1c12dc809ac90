// What every write of a deal from a page goes through: runAction authenticates, validates and maps
// errors as the API does; `refresh: true` then re-renders the calling page in the same answer. The
// deal page asks for it, since it shows all of the deal; the board does not, it places the card.
import { refresh } from "next/cache";
import type { ZodType } from "zod";
import type { Actor } from "@/src/auth/actor";
import { runAction, type ActionResult } from "@/src/http/action-result";

function withoutRefresh(input: unknown): { body: unknown; refreshPage: boolean } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { body: input, refreshPage: false };
  const { refresh: flag, ...body } = input as Record<string, unknown>;
  return { body, refreshPage: flag === true };
}

export async function dealAction<I, T>(schema: ZodType<I>, input: unknown, write: (actor: Actor, input: I) => Promise<T>): Promise<ActionResult<T>> {
  const { body, refreshPage } = withoutRefresh(input);
  const result = await runAction(schema, body, write);
  if (result.ok && refreshPage) refresh();
  return result;
}
