// The targets page's address, read leniently as the dashboard's is (a bad value is no value): the team,
// and the period and currency the form starts with (the dashboard's link names its own).
import { z } from "zod";

const optional = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.string().max(100).optional());
const day = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.iso.date().optional().catch(undefined));
const currency = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? v.trim().toUpperCase() : undefined),
  z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .catch(undefined),
);

const TargetsQuery = z.object({ teamId: optional, from: day, to: day, currency });
export type TargetsQuery = z.infer<typeof TargetsQuery>;

export function readTargetsQuery(params: Record<string, string | string[] | undefined>): TargetsQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return TargetsQuery.parse({ teamId: first(params.teamId), from: first(params.from), to: first(params.to), currency: first(params.currency) });
}
