// The board's filters live in the URL, so a filtered board can be shared and survives a reload.
// Anything unreadable in the query string falls back to "no filter" instead of an error page.
import { z } from "zod";
import { CLOSE_PERIODS } from "./board-query";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // PostgreSQL text cannot hold NUL: such a value would fail the query, not just match nothing.
    .refine((v) => !v.includes("\u0000"))
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

const optionalAmount = z.coerce.number().nonnegative().max(1e13).optional().catch(undefined);

export const BoardFilters = z.object({
  process: optionalText(64),
  /** "mine", a user id, or nothing: every deal the actor may see (a manager's team). */
  owner: optionalText(64),
  period: z.enum(CLOSE_PERIODS).optional().catch(undefined),
  min: optionalAmount,
  max: optionalAmount,
  stalled: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v === "1" || v === "true"),
  q: optionalText(100),
});
export type BoardFilters = z.infer<typeof BoardFilters>;

type SearchParams = Record<string, string | string[] | undefined>;

/** Reads the filters from a page's searchParams (the first value of a repeated key wins). */
export function parseBoardFilters(params: SearchParams): BoardFilters {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return BoardFilters.parse(first);
}
