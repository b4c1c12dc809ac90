import { z } from "zod";
import { STATUS } from "../errors";

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(STATUS) as [keyof typeof STATUS, ...(keyof typeof STATUS)[]]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });

/** Trimmed text with a length limit: every free-text field of the API. */
export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1, "required").max(max);

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email("not a valid email address"));

export const Id = z.string().min(1).max(64);
